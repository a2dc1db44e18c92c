package io.aibatch.k8s;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Deterministic Kubernetes names: the same run always maps to the same Job name, so a restarted
 * manager finds the Job it created before.
 */
public final class JobNames {

    /** Job names are used as label values by the Job controller, hence 63 characters at most. */
    public static final int MAX_NAME_LENGTH = 63;

    private static final int HASH_LENGTH = 8;
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

    private JobNames() {}

    /**
     * A DNS-1123 label (lowercase alphanumerics and '-', at most 63 characters) made of the job name
     * and the run id. Names that would be longer are cut and end with a hash of the full text, so two
     * long run ids sharing a prefix still get different names.
     */
    public static String forRun(String jobName, String runId) {
        requireText(jobName, "jobName");
        requireText(runId, "runId");
        String readable = toDnsLabel(jobName + "-" + runId);
        if (readable.length() <= MAX_NAME_LENGTH && readable.equals(jobName + "-" + runId)) {
            return readable;
        }
        String hash = sha256Hex(jobName + "\n" + runId).substring(0, HASH_LENGTH);
        String head = readable.substring(0, Math.min(readable.length(), MAX_NAME_LENGTH - HASH_LENGTH - 1));
        head = trimDashes(head);
        return head.isEmpty() ? "run-" + hash : head + "-" + hash;
    }

    /** True when the text may be used as a Kubernetes label value. */
    public static boolean isValidLabelValue(String value) {
        return value != null
                && value.length() <= MAX_NAME_LENGTH
                && LABEL_VALUE.matcher(value).matches();
    }

    static String toDnsLabel(String text) {
        String lower =
                text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
        return trimDashes(lower);
    }

    private static String trimDashes(String text) {
        return text.replaceAll("^-+", "").replaceAll("-+$", "");
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty: pass the " + what + " the Job name is derived from");
        }
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
