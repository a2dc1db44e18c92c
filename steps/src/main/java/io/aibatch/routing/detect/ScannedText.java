package io.aibatch.routing.detect;

import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A text read once for the detectors: {@link DetectionText normalised}, its labels located and its numbers
 * split into {@link DigitRun runs}, with the evidence each detector weighs: is a label near, is the number an
 * international phone number, which of its digits form a valid company number.
 */
final class ScannedText {

    private static final Pattern TRUNK_PREFIX = Pattern.compile("\\+\\d{1,3} ?\\(0\\) ?$");

    /** How ABNs are printed; an odd grouping that happens to make a valid ABN does not hide anything. */
    private static final List<List<Integer>> ABN_SHAPES = List.of(List.of(2, 3, 3, 3), List.of(11));

    /** How many digits may come before a labelled number in its run ("TFN: 2024 123 456 782" in a table row). */
    static final int LABELLED_REACH = 12;

    private final String text;
    private final IdentifierLabels labels;
    private final List<DigitRun> runs;

    private ScannedText(String text) {
        this.text = text;
        this.labels = IdentifierLabels.in(text);
        this.runs = DigitRun.find(text);
    }

    /**
     * The detectors of a policy read the same text one after another on one thread: the last text read on each
     * thread is remembered (by identity; weakly, and softly held) so that it is normalised and scanned once, not
     * once per detector. Thread-confined, so the detectors stay safe to share.
     */
    private static final ThreadLocal<Memo> LAST = new ThreadLocal<>();

    private record Memo(WeakReference<String> raw, SoftReference<List<ScannedText>> scanned) {}

    /** The text as stored, and, when it differs, as displayed ({@link DetectionText#displayOrder}): an identifier in either counts. */
    static List<ScannedText> of(String raw) {
        Memo memo = LAST.get();
        List<ScannedText> scanned =
                memo != null && memo.raw().get() == raw ? memo.scanned().get() : null;
        if (scanned == null) {
            scanned = scan(raw);
            LAST.set(new Memo(new WeakReference<>(raw), new SoftReference<>(scanned)));
        }
        return scanned;
    }

    private static List<ScannedText> scan(String raw) {
        ScannedText stored = new ScannedText(DetectionText.readLabelledNumbers(DetectionText.normalize(raw)));
        String displayed = DetectionText.displayOrder(raw);
        return displayed == null
                ? List.of(stored)
                : List.of(
                        stored, new ScannedText(DetectionText.readLabelledNumbers(DetectionText.normalize(displayed))));
    }

    List<DigitRun> runs() {
        return runs;
    }

    boolean labelled(IdentifierLabels.Kind kind, DigitRun run) {
        return labels.near(kind, run.start(), run.end() + (run.tail().isEmpty() ? 0 : 3));
    }

    /**
     * "+61 412 345 678", "+61 (0)2 9876 5432": a run right after '+' with the 10-15 digits of an international
     * number, or after a country code and the "(0)" trunk prefix. "+123 456 782" has too few digits to be one.
     */
    boolean internationalPhone(DigitRun run) {
        int before = run.start() - 1;
        if (before >= 0 && text.charAt(before) == ' ') {
            before--;
        }
        boolean countryCodeFirst =
                run.groups().size() == 1 || run.groups().get(0).length() <= 3;
        if (before >= 0
                && text.charAt(before) == '+'
                && countryCodeFirst
                && run.digitCount() >= 10
                && run.digitCount() <= 15) {
            return true;
        }
        return TRUNK_PREFIX
                .matcher(text.substring(Math.max(0, run.start() - 10), run.start()))
                .find();
    }

    /**
     * The digit ranges (offset, end) of the run that are company numbers, which are public and not a person's:
     * any 11 digits printed as ABNs are (51 824 753 556, or unbroken) forming a valid ABN, and, when an ACN/ARBN label is the nearest label before the run, any 9
     * digits forming a valid ACN (an "ABN" label vouches for 11 digits only: "ABN 123 456 782" is no ABN). None when {@code own}, the detector's label (null: none), is the nearest label: a TFN
     * next to "TFN" cannot be laundered by choosing two digits in front of it that make a valid ABN.
     */
    List<int[]> companyNumbers(DigitRun run, IdentifierLabels.Kind own) {
        IdentifierLabels.Kind nearest = labels.nearestBefore(run.start());
        List<int[]> ranges = new ArrayList<>();
        if (nearest == own) {
            return ranges;
        }
        for (DigitRun.Candidate c : run.candidates(11, ABN_SHAPES, 0, Integer.MAX_VALUE)) {
            if (CheckDigits.australianBusinessNumber(c.digits())) {
                ranges.add(new int[] {c.offset(), c.offset() + 11});
            }
        }
        if (nearest == IdentifierLabels.Kind.ACN) {
            for (DigitRun.Candidate c : run.candidates(9, null, 0, LABELLED_REACH)) {
                if (CheckDigits.australianCompanyNumber(c.digits())) {
                    ranges.add(new int[] {c.offset(), c.offset() + 9});
                }
            }
        }
        return ranges;
    }

    static boolean excluded(DigitRun.Candidate candidate, List<int[]> ranges) {
        for (int[] range : ranges) {
            if (candidate.overlaps(range[0], range[1])) {
                return true;
            }
        }
        return false;
    }

    /**
     * The candidates of {@code length} digits a detector tests: next to its label, every sub-run of whole
     * groups and, in a short run, every window of digits; without a label, only sub-runs grouped one of the
     * customary ways, because a check digit alone passes one random number in ten or eleven.
     */
    static List<DigitRun.Candidate> candidates(
            DigitRun run, int length, boolean labelled, List<List<Integer>> customary) {
        if (!labelled) {
            return run.candidates(length, customary, 0, Integer.MAX_VALUE);
        }
        List<DigitRun.Candidate> all = new ArrayList<>();
        for (DigitRun read : run.tail().isEmpty() ? List.of(run) : List.of(run, run.withTail())) {
            // the number a label names is at the start of the run (label before) or at its end (label after)
            int count = read.digitCount();
            all.addAll(read.candidates(length, null, 0, LABELLED_REACH));
            all.addAll(read.candidates(
                    length, null, Math.max(LABELLED_REACH + 1, count - length - LABELLED_REACH), count));
            if (count <= length + 3) {
                all.addAll(read.windows(length));
            }
        }
        return all;
    }
}
