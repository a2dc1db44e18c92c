package io.aibatch.routing.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A printed number as people write identifiers: groups of digits joined by a single space, a dash or a
 * line break ({@code 123 456 782}, {@code 2123-45670-1}, a card number wrapped onto the next line).
 * Detectors test the whole run, and sub-runs whose grouping is the identifier's customary one, so that an
 * identifier printed right after another number on the same line is still found.
 *
 * @param groups     the digit groups, in order
 * @param precededBy up to 40 characters printed before the run (to recognise "ABN", "+61", "tax file number")
 */
record DigitRun(List<String> groups, String precededBy) {

    /** Group separators: a space or two, a dash with optional spaces, or a line break with optional spaces. */
    private static final Pattern RUN = Pattern.compile(
            "(?<![\\d.,])\\d+(?:(?:[ \\t]{1,2}|[ \\t]?[-\\u2013][ \\t]?|[ \\t]*\\r?\\n[ \\t]*)\\d+)*(?![\\d]|[.,]\\d)");
    private static final Pattern SEPARATOR = Pattern.compile("[^\\d]+");

    static List<DigitRun> find(String text) {
        List<DigitRun> runs = new ArrayList<>();
        Matcher m = RUN.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - 40), m.start());
            runs.add(new DigitRun(List.of(SEPARATOR.split(m.group())), before));
        }
        return runs;
    }

    /** The label printed right before the run, e.g. "ABN " or "+": the last few characters of {@link #precededBy()}. */
    String label() {
        String trimmed = precededBy.stripTrailing();
        return trimmed.substring(Math.max(0, trimmed.length() - 5));
    }

    String digits() {
        return String.join("", groups);
    }

    int digitCount() {
        int n = 0;
        for (String g : groups) {
            n += g.length();
        }
        return n;
    }

    /** Every contiguous sub-run with exactly {@code length} digits, with its group lengths (e.g. [3,3,3]). */
    List<Candidate> candidates(int length) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            StringBuilder digits = new StringBuilder();
            List<Integer> shape = new ArrayList<>();
            for (int j = i; j < groups.size() && digits.length() < length; j++) {
                digits.append(groups.get(j));
                shape.add(groups.get(j).length());
                if (digits.length() == length) {
                    out.add(new Candidate(digits.toString(), List.copyOf(shape), i == 0 && j == groups.size() - 1));
                }
            }
        }
        return out;
    }

    /**
     * @param whole true when the candidate is the entire run: then any grouping is accepted, because nothing
     *              else was printed with it
     */
    record Candidate(String digits, List<Integer> shape, boolean whole) {

        boolean shapedAs(List<List<Integer>> customary) {
            return whole || customary.contains(shape);
        }
    }
}
