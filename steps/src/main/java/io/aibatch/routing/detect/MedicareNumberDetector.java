package io.aibatch.routing.detect;

import java.util.List;

/**
 * Australian Medicare card numbers: 10 digits, the first 2-6, the ninth a weighted check digit of the first
 * eight. Next to a "Medicare" label any 10 digits of the number that pass, however written; without a label only
 * the card's own grouping {@code 2123 45670 1} (an unbroken 10-digit number passes one time in twenty). Australian
 * phone numbers (10 digits) start with 0 or 1, so they never pass; an unlabelled international phone number is
 * skipped; digits forming a valid ABN are not a Medicare number.
 */
public final class MedicareNumberDetector implements IdentifierDetector {

    private static final List<List<Integer>> CUSTOMARY = List.of(List.of(4, 5, 1));

    @Override
    public String reason() {
        return "medicare";
    }

    @Override
    public boolean foundIn(String text) {
        for (ScannedText scanned : ScannedText.of(text)) {
            for (DigitRun run : scanned.runs()) {
                if (run.digitCount() + run.tail().length() < 10) {
                    continue;
                }
                boolean labelled = scanned.labelled(IdentifierLabels.Kind.MEDICARE, run);
                if (!labelled && scanned.internationalPhone(run)) {
                    continue;
                }
                List<int[]> companyNumbers = scanned.companyNumbers(run, IdentifierLabels.Kind.MEDICARE);
                for (DigitRun.Candidate c : ScannedText.candidates(run, 10, labelled, CUSTOMARY)) {
                    if (!ScannedText.excluded(c, companyNumbers) && CheckDigits.medicareNumber(c.digits())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
