package io.aibatch.routing.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A printed number as people write identifiers, read from {@link DetectionText normalised} text: groups of
 * digits joined by separators (spaces, dots, commas, slashes, underscores, pipes, dashes, apostrophes, a line
 * break or a blank line, up to {@value #MAX_SEPARATOR} separator characters between two groups, so a table row
 * {@code | 123 | 456 | 782 |} is one run). A decimal tail ({@code .00} ending the run) marks an amount: it is
 * dropped, not read as more digits.
 * <p>
 * Found by a single forward scan, linear in the text's length (no regular expression, so nothing can backtrack).
 *
 * @param groups the digit groups, in order
 * @param start  where the run starts in the text it was found in
 * @param end    where it ends (before a dropped decimal tail)
 * @param tail   the two digits of a dropped decimal tail, or ""
 */
record DigitRun(List<String> groups, int start, int end, String tail) {

    static final int MAX_SEPARATOR = 8;

    static boolean isSeparator(char c) {
        return switch (c) {
            case ' ', '.', ',', '/', '\\', '_', '|', '-', '\'', '\u2019' -> true;
            default -> false;
        };
    }

    static List<DigitRun> find(String text) {
        List<DigitRun> runs = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            List<String> groups = new ArrayList<>();
            int end;
            String tail = "";
            while (true) {
                int j = i;
                while (j < n && isDigit(text.charAt(j))) {
                    j++;
                }
                groups.add(text.substring(i, j));
                int next = nextGroup(text, j);
                if (next < 0) {
                    end = j;
                    i = j;
                    break;
                }
                if (next == j + 1 && text.charAt(j) == '.' && decimalTail(text, next)) {
                    end = j;
                    tail = text.substring(next, next + 2);
                    i = next + 2;
                    break;
                }
                i = next;
            }
            runs.add(new DigitRun(List.copyOf(groups), start, end, tail));
        }
        return runs;
    }

    /** Where the next group starts after separators from {@code from}, or -1 if the run ends there. */
    private static int nextGroup(String text, int from) {
        int k = from;
        while (k < text.length() && k - from <= MAX_SEPARATOR && isSeparator(text.charAt(k))) {
            k++;
        }
        return k > from && k - from <= MAX_SEPARATOR && k < text.length() && isDigit(text.charAt(k)) ? k : -1;
    }

    /** Two digits after a dot, and no further group after them: cents. */
    private static boolean decimalTail(String text, int digits) {
        int after = digits + 2;
        if (after > text.length()
                || !isDigit(text.charAt(digits + 1))
                || (after < text.length() && isDigit(text.charAt(after)))) {
            return false;
        }
        return nextGroup(text, after) < 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The run with its decimal tail read as digits after all: next to a label "231.8 333.92" may be a TFN
     * written with dots, not an amount.
     */
    DigitRun withTail() {
        if (tail.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(groups);
        all.add(tail);
        return new DigitRun(List.copyOf(all), start, end + 3, "");
    }

    String digits() {
        return String.join("", groups);
    }

    int digitCount() {
        int count = 0;
        for (String g : groups) {
            count += g.length();
        }
        return count;
    }

    /** Every sub-run of whole groups with exactly {@code length} digits, with its group lengths (e.g. [3,3,3]). */
    List<Candidate> candidates(int length) {
        return candidates(length, null, 0, Integer.MAX_VALUE);
    }

    /**
     * The sub-runs of whole groups with exactly {@code length} digits that start at digit offset {@code from} to
     * {@code to} and, unless {@code shapes} is null, are grouped one of those ways. Linear in the number of groups
     * (at most {@code length} steps from each): a megabyte of "1 1 1 1" stays cheap.
     */
    List<Candidate> candidates(int length, List<List<Integer>> shapes, int from, int to) {
        List<Candidate> out = new ArrayList<>();
        // cheap tests first: no sub-run is built unless its first group and group count can fit a wanted shape
        boolean[] firstFits = new boolean[length + 1];
        int maxParts = length;
        if (shapes != null) {
            maxParts = 0;
            for (List<Integer> wanted : shapes) {
                if (wanted.get(0) <= length) {
                    firstFits[wanted.get(0)] = true;
                }
                maxParts = Math.max(maxParts, wanted.size());
            }
        } else {
            java.util.Arrays.fill(firstFits, true);
        }
        int offset = 0;
        int[] shape = new int[length];
        for (int i = 0; i < groups.size() && offset <= to; i++) {
            int first = groups.get(i).length();
            if (offset >= from && first <= length && firstFits[first]) {
                int count = 0;
                int parts = 0;
                for (int j = i; j < groups.size() && count < length && parts < maxParts; j++) {
                    shape[parts++] = groups.get(j).length();
                    count += groups.get(j).length();
                    if (count == length) {
                        List<Integer> grouping = new ArrayList<>(parts);
                        for (int k = 0; k < parts; k++) {
                            grouping.add(shape[k]);
                        }
                        if (shapes == null || shapes.contains(grouping)) {
                            out.add(new Candidate(
                                    String.join("", groups.subList(i, j + 1)), List.copyOf(grouping), offset));
                        }
                    }
                }
            }
            offset += groups.get(i).length();
        }
        return out;
    }

    /**
     * Every {@code length}-digit window of the run's digits, whatever the grouping: for a short run next to a
     * label, where an attacker's extra digit or odd grouping must not hide the number.
     */
    List<Candidate> windows(int length) {
        String digits = digits();
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i + length <= digits.length(); i++) {
            out.add(new Candidate(digits.substring(i, i + length), List.of(length), i));
        }
        return out;
    }

    /**
     * @param offset where its first digit is among the run's digits
     */
    record Candidate(String digits, List<Integer> shape, int offset) {

        boolean overlaps(int from, int to) {
            return offset < to && from < offset + digits.length();
        }
    }
}
