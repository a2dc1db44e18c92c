package io.aibatch.routing.detect;

import java.util.List;

/**
 * Payment card numbers (PANs): 13-19 digits that pass the Luhn check. Next to a card label ("card", "Visa",
 * "credit", ...) any such digits starting 2-6, however written; without a label, only numbers grouped the way
 * cards are printed (4-4-4-4, Amex 4-6-5, or unbroken) and starting like a real scheme's numbers of that length,
 * since Luhn alone passes one number in ten. Digits forming a valid ABN are not part of a card number. Masked numbers ({@code xxxx xxxx xxxx 1234}) show four digits and
 * never match.
 */
public final class PaymentCardDetector implements IdentifierDetector {

    private static final List<List<Integer>> CUSTOMARY = List.of(
            List.of(4, 4, 4, 4),
            List.of(4, 6, 5),
            List.of(4, 6, 4),
            List.of(4, 4, 4, 4, 3),
            List.of(4, 4, 4, 1),
            List.of(4, 4, 4, 4, 1),
            List.of(4, 4, 4, 4, 2),
            List.of(4, 4, 4, 3),
            List.of(4, 4, 4, 2),
            List.of(13),
            List.of(14),
            List.of(15),
            List.of(16),
            List.of(17),
            List.of(18),
            List.of(19));

    @Override
    public String reason() {
        return "card-number";
    }

    @Override
    public boolean foundIn(String text) {
        for (ScannedText scanned : ScannedText.of(text)) {
            for (DigitRun run : scanned.runs()) {
                if (run.digitCount() + run.tail().length() < 13) {
                    continue;
                }
                boolean labelled = scanned.labelled(IdentifierLabels.Kind.CARD, run);
                if (!labelled && scanned.internationalPhone(run)) {
                    continue;
                }
                List<int[]> companyNumbers = scanned.companyNumbers(run, null);
                for (int length = 13; length <= 19; length++) {
                    for (DigitRun.Candidate c : ScannedText.candidates(run, length, labelled, CUSTOMARY)) {
                        if (ScannedText.excluded(c, companyNumbers)) {
                            continue;
                        }
                        char first = c.digits().charAt(0);
                        boolean issuer = labelled ? first >= '2' && first <= '6' : CheckDigits.cardIssuer(c.digits());
                        if (issuer && CheckDigits.luhn(c.digits())) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
