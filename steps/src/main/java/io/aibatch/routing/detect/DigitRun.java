package io.aibatch.routing.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A printed number as people write identifiers: groups of digits joined by a single space, a dash, or (for a
 * number wrapped onto the next line) a line break: {@code 123 456 782}, {@code 2123-45670-1}.
 * <p>
 * Each line's run is tested on its own, where any grouping is accepted because nothing else was printed with
 * it. A run that continues on the next line is tested as well, but only for sub-runs grouped the identifier's
 * customary way ({@code 4 4 4 4} for a card): a postcode at the end of one line followed by a number on the
 * next would otherwise make a 13-digit "card" that passes Luhn one time in ten.
 *
 * @param groups     the digit groups, in order
 * @param precededBy up to 40 characters printed before the run (to recognise "ABN", "+61", "tax file number")
 * @param wrapped    true when the run spans line breaks (then only customary groupings count)
 */
record DigitRun(List<String> groups, String precededBy, boolean wrapped) {

    private static final Pattern RUN = Pattern.compile(
            "(?<![\\d.,])\\d+(?:(?:[ \\t]{1,2}|[ \\t]?[-\\u2013][ \\t]?|[ \\t]*\\r?\\n[ \\t]*)\\d+)*(?![\\d]|[.,]\\d)");
    private static final Pattern LINE_BREAK = Pattern.compile("[ \\t]*\\r?\\n[ \\t]*");
    private static final Pattern SEPARATOR = Pattern.compile("[^\\d]+");
    private static final int CONTEXT = 40;

    static List<DigitRun> find(String text) {
        List<DigitRun> runs = new ArrayList<>();
        Matcher m = RUN.matcher(text);
        while (m.find()) {
            Matcher lines = LINE_BREAK.matcher(m.group());
            int segmentStart = 0;
            boolean multiLine = false;
            while (lines.find()) {
                multiLine = true;
                runs.add(of(text, m.start() + segmentStart, m.start() + lines.start(), false));
                segmentStart = lines.end();
            }
            runs.add(of(text, m.start() + segmentStart, m.end(), false));
            if (multiLine) {
                runs.add(of(text, m.start(), m.end(), true));
            }
        }
        return runs;
    }

    private static DigitRun of(String text, int start, int end, boolean wrapped) {
        String before = text.substring(Math.max(0, start - CONTEXT), start);
        return new DigitRun(List.of(SEPARATOR.split(text.substring(start, end))), before, wrapped);
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
                    boolean whole = !wrapped && i == 0 && j == groups.size() - 1;
                    out.add(new Candidate(digits.toString(), List.copyOf(shape), whole));
                }
            }
        }
        return out;
    }

    /**
     * @param whole true when the candidate is a line's entire run: then any grouping is accepted, because
     *              nothing else was printed with it
     */
    record Candidate(String digits, List<Integer> shape, boolean whole) {

        boolean shapedAs(List<List<Integer>> customary) {
            return whole || customary.contains(shape);
        }
    }
}
