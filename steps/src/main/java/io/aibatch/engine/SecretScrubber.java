package io.aibatch.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what looks like a key or token from text copied out of a backend (error bodies, SDK messages) before it
 * reaches a dead-letter reason, a log line or a report: {@code api-key=}/{@code key=}/{@code token=}/{@code sig=}/
 * {@code password=} values (also as JSON fields), {@code Bearer}/{@code Basic}/{@code SharedKey} credentials, user-info
 * in URLs, JWTs, long hex strings (Azure keys are 32 hex digits) and long mixed-case base64 strings. It errs towards
 * removing too much: a lost fragment of an error message costs less than a leaked key.
 */
public final class SecretScrubber {

    private static final String HIDDEN = "***";
    private static final Pattern NAMED = Pattern.compile(
            "(?i)([a-z0-9_.-]*?(?:api[-_]?key|key|token|sig|signature|password|passwd|pwd|secret|credential|sharedaccesssignature)"
                    + "[\"']?\\s*[=:]\\s*[\"']?)([^\\s\"'&,;}<>]+)");
    private static final Pattern SCHEME_CREDENTIAL =
            Pattern.compile("(?i)\\b(bearer|basic|sharedkey|sharedaccesssignature)(\\s+)[A-Za-z0-9._~+/=:-]{6,}");
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@]+@");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern HEX = Pattern.compile("\\b[0-9a-fA-F]{32,}\\b");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{40,}={0,2}");

    private SecretScrubber() {}

    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = USER_INFO.matcher(text).replaceAll("$1" + HIDDEN + "@");
        s = SCHEME_CREDENTIAL.matcher(s).replaceAll("$1$2" + HIDDEN);
        s = NAMED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + HIDDEN));
        s = JWT.matcher(s).replaceAll(HIDDEN);
        s = HEX.matcher(s).replaceAll(HIDDEN);
        return BASE64.matcher(s).replaceAll(m -> looksRandom(m.group()) ? HIDDEN : Matcher.quoteReplacement(m.group()));
    }

    /**
     * Random base64 has digits and about as many upper- as lower-case letters; a path or a long word of a message
     * is mostly lower case ({@code Invoices/2024/Q3/Customer/AcmeCorp} is not a key).
     */
    private static boolean looksRandom(String token) {
        int upper = 0;
        int lower = 0;
        int digits = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isUpperCase(c)) {
                upper++;
            } else if (Character.isLowerCase(c)) {
                lower++;
            } else if (Character.isDigit(c)) {
                digits++;
            }
        }
        int letters = upper + lower;
        return digits > 0 && letters > 0 && upper >= letters / 4 && lower >= letters / 4;
    }
}
