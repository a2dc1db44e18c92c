package io.aibatch.routing.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words people print before (or after) an identifier, and where they occur in a text. A label within
 * {@value #NEAR} characters of a number is strong evidence: next to "TFN" any 9 digits that pass the check are
 * taken as a tax file number, however they are grouped, where a bare number needs its customary grouping.
 * Patterns are linear: bounded gaps, no nested quantifiers.
 */
final class IdentifierLabels {

    /** "within about 40 characters": a label, a colon, maybe "(see attached)", then the number. */
    static final int NEAR = 40;

    /** ABN and ACN (or ARBN) labels vouch for company numbers: an ABN label for 11 digits, an ACN label for 9. */
    enum Kind {
        TFN,
        MEDICARE,
        CARD,
        ABN,
        ACN
    }

    /**
     * A label printed after the number, "123 456 782 (employee TFN)", counts only that close. Not for cards: they
     * are printed after their label, and a card label after a number starts the next item ("... | Visa ending 1234").
     */
    static final int NEAR_AFTER = 16;

    private static final String GAP = "[\\s._\\-/:#]{0,3}";
    private static final Pattern TFN = Pattern.compile(
            "(?i)(?<![a-z])(?:t" + GAP + "f" + GAP + "n|tax" + GAP + "file(?:" + GAP + "(?:number|num|no))?)(?![a-z])");
    private static final Pattern MEDICARE = Pattern.compile("(?i)(?<![a-z])(?:medicare|mcn)(?![a-z])");
    private static final Pattern CARD = Pattern.compile("(?i)(?<![a-z])(?:card|cc|pan|visa|master" + GAP
            + "card|amex|american express|diners|discover|jcb|unionpay|credit|debit)(?![a-z])");
    private static final Pattern ABN = Pattern.compile("(?i)(?<![a-z])a" + GAP + "b" + GAP + "n(?![a-z])");
    private static final Pattern ACN = Pattern.compile("(?i)(?<![a-z])(?:a" + GAP + "c" + GAP + "n|arbn)(?![a-z])");
    /** Every label starts with one of these: a one-character test that fails fast at almost every position. */
    private static final String FIRST_LETTERS = "(?=[tmcpvadju])";

    static final Pattern ANY = Pattern.compile(
            FIRST_LETTERS + "(?:" + TFN.pattern().substring(4) + "|"
                    + MEDICARE.pattern().substring(4) + "|" + CARD.pattern().substring(4) + "|"
                    + ABN.pattern().substring(4) + "|" + ACN.pattern().substring(4) + ")",
            Pattern.CASE_INSENSITIVE);

    /**
     * A matcher of {@link #ANY} (or of the kinds) for {@link #find}: the regions it is given do not hide the character
     * before them from the pattern's look-behind.
     */
    static Matcher matcher(Pattern labels, String text) {
        return labels.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * {@code matcher.find(from)}, but the pattern is tried only where a label can start: at one of
     * {@link #FIRST_LETTERS} that no ASCII letter precedes (every label asserts both), or at any non-ASCII character
     * (where this filter does not judge). The same matches, in order, without running the regex engine at every
     * character: the detectors read every request of a run, and these scans were most of their time.
     */
    static boolean find(Matcher matcher, String text, int from) {
        for (int p = from; p < text.length(); p++) {
            char c = text.charAt(p);
            if (c < 0x80
                    && (STARTS.indexOf(c | 0x20) < 0
                            || !isAsciiLetter(c)
                            || (p > 0 && isAsciiLetter(text.charAt(p - 1))))) {
                continue;
            }
            matcher.region(p, text.length());
            if (matcher.lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** The letters of {@link #FIRST_LETTERS}. */
    private static final String STARTS = "tmcpvadju";

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** One label in the text. */
    record Label(Kind kind, int start, int end) {}

    private final String text;
    private final List<Label> labels;

    private IdentifierLabels(String text, List<Label> labels) {
        this.text = text;
        this.labels = labels;
    }

    /** One pass over the text for every kind of label. */
    private static final Pattern KINDS = Pattern.compile(
            FIRST_LETTERS + "(?:(?<TFN>" + TFN.pattern().substring(4) + ")|(?<MEDICARE>"
                    + MEDICARE.pattern().substring(4) + ")|(?<CARD>"
                    + CARD.pattern().substring(4) + ")|(?<ABN>" + ABN.pattern().substring(4)
                    + ")|(?<ACN>" + ACN.pattern().substring(4) + "))",
            Pattern.CASE_INSENSITIVE);

    static IdentifierLabels in(String text) {
        List<Label> labels = new ArrayList<>();
        Matcher m = matcher(KINDS, text);
        for (int from = 0; find(m, text, from); from = m.end()) {
            for (Kind kind : Kind.values()) {
                if (m.start(kind.name()) >= 0) {
                    labels.add(new Label(kind, m.start(), m.end()));
                    break;
                }
            }
        }
        // already in order of position, and labels do not overlap
        return new IdentifierLabels(text, labels);
    }

    /**
     * True when a label of {@code kind} ends at most {@value #NEAR} characters before {@code start} with no digit
     * in between ("TFN: (see attached) 123...", not "TFN 123 456 782, ABN 51 824 753 556" for the ABN), or begins
     * at most {@value #NEAR_AFTER} characters after {@code end} (TFN and Medicare labels only), again with no digit between.
     */
    boolean near(Kind kind, int start, int end) {
        for (int i = firstEndingFrom(start - NEAR);
                i < labels.size() && labels.get(i).end() <= end + NEAR;
                i++) {
            Label label = labels.get(i);
            if (label.kind() != kind) {
                continue;
            }
            if (label.end() <= start && noDigit(label.end(), start)) {
                return true;
            }
            if (kind != Kind.CARD
                    && label.start() >= end
                    && label.start() - end <= NEAR_AFTER
                    && noDigit(end, label.start())) {
                return true;
            }
        }
        return false;
    }

    private boolean noDigit(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    /** The label ending closest before {@code start}, at most {@value #NEAR} characters before it, or null. */
    Kind nearestBefore(int start) {
        Kind nearest = null;
        for (int i = firstEndingFrom(start - NEAR);
                i < labels.size() && labels.get(i).end() <= start;
                i++) {
            nearest = labels.get(i).kind();
        }
        return nearest;
    }

    private int firstEndingFrom(int position) {
        int lo = 0;
        int hi = labels.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (labels.get(mid).end() < position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
