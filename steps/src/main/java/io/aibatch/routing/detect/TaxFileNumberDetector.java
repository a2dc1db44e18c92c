package io.aibatch.routing.detect;

import java.util.List;

/**
 * Australian tax file numbers: 9 digits whose weighted sum is divisible by 11, however they are written (see
 * {@link DetectionText} and {@link DigitRun}). One random 9-digit number in eleven passes the check, so the
 * evidence asked for depends on the context:
 * <ul>
 *     <li>within ~40 characters of a TFN label ("TFN", "tax file number", "T.F.N."), any 9 digits of the number
 *     that pass the check, however grouped, even spelled out or with OCR look-alikes; optionally also the 8-digit
 *     numbers issued before 1990 (one in eleven 8-digit numbers passes their check, so only next to the label,
 *     and not when the digits read as a date);</li>
 *     <li>without a label, only the customary grouping {@code 123 456 782} (with any separators): a bare
 *     unbroken 9-digit order or account number is not taken for a TFN.</li>
 * </ul>
 * Not a TFN: digits forming a valid ABN, or a valid ACN labelled ABN/ACN/ARBN (company numbers are public),
 * unless "TFN" is the nearest label; an unlabelled international phone number ("+61 412 345 678").
 */
public final class TaxFileNumberDetector implements IdentifierDetector {

    private static final List<List<Integer>> CUSTOMARY = List.of(List.of(3, 3, 3));

    private final boolean legacyWithContext;

    public TaxFileNumberDetector(boolean legacyWithContext) {
        this.legacyWithContext = legacyWithContext;
    }

    @Override
    public String reason() {
        return "tfn";
    }

    @Override
    public boolean foundIn(String text) {
        for (ScannedText scanned : ScannedText.of(text)) {
            for (DigitRun run : scanned.runs()) {
                if (run.digitCount() + run.tail().length() < 8) {
                    continue;
                }
                boolean labelled = scanned.labelled(IdentifierLabels.Kind.TFN, run);
                if (!labelled && scanned.internationalPhone(run)) {
                    continue;
                }
                List<int[]> companyNumbers = scanned.companyNumbers(run, IdentifierLabels.Kind.TFN);
                for (DigitRun.Candidate c : ScannedText.candidates(run, 9, labelled, CUSTOMARY)) {
                    if (!ScannedText.excluded(c, companyNumbers) && CheckDigits.taxFileNumber(c.digits())) {
                        return true;
                    }
                }
                if (legacyWithContext && labelled && !date(new DigitRun.Candidate(run.digits(), shape(run), 0))) {
                    for (DigitRun.Candidate c : run.candidates(8, null, 0, ScannedText.LABELLED_REACH)) {
                        if (!ScannedText.excluded(c, companyNumbers)
                                && !date(c)
                                && CheckDigits.legacyTaxFileNumber(c.digits())) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static List<Integer> shape(DigitRun run) {
        return run.groups().stream().map(String::length).toList();
    }

    /** 12/03/1998 or 1998-03-12: eight digits grouped as a plausible date. */
    private static boolean date(DigitRun.Candidate c) {
        List<Integer> shape = c.shape();
        if (shape.size() != 3) {
            return false;
        }
        String d = c.digits();
        if (shape.get(0) == 4 && shape.get(1) <= 2 && shape.get(2) <= 2) {
            return plausible(d.substring(4 + shape.get(1)), d.substring(4, 4 + shape.get(1)), d.substring(0, 4));
        }
        if (shape.get(0) <= 2 && shape.get(1) <= 2 && shape.get(2) == 4) {
            String first = d.substring(0, shape.get(0));
            String second = d.substring(shape.get(0), shape.get(0) + shape.get(1));
            return plausible(first, second, d.substring(d.length() - 4))
                    || plausible(second, first, d.substring(d.length() - 4));
        }
        return false;
    }

    private static boolean plausible(String day, String month, String year) {
        int dd = Integer.parseInt(day);
        int mm = Integer.parseInt(month);
        int yyyy = Integer.parseInt(year);
        return dd >= 1 && dd <= 31 && mm >= 1 && mm <= 12 && yyyy >= 1900 && yyyy <= 2100;
    }
}
