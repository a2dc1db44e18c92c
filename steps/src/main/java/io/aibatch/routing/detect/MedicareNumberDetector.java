package io.aibatch.routing.detect;

import java.util.List;

/**
 * Australian Medicare card numbers: 10 digits, the first 2-6, the ninth a weighted check digit of the first
 * eight, printed {@code 2123 45670 1} or unbroken. Australian phone numbers (10 digits) start with 0 or 1,
 * so they never pass; numbers after '+' are skipped as international phone numbers.
 */
public final class MedicareNumberDetector implements IdentifierDetector {

    private static final List<List<Integer>> CUSTOMARY = List.of(List.of(4, 5, 1), List.of(10));

    @Override
    public String reason() {
        return "medicare";
    }

    @Override
    public boolean foundIn(String text) {
        for (DigitRun run : DigitRun.find(text)) {
            if (TaxFileNumberDetector.notPersonal(run)) {
                continue;
            }
            for (DigitRun.Candidate c : run.candidates(10)) {
                if (c.shapedAs(CUSTOMARY) && CheckDigits.medicareNumber(c.digits())) {
                    return true;
                }
            }
        }
        return false;
    }
}
