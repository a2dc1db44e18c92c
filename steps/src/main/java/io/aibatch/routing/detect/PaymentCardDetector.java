package io.aibatch.routing.detect;

import java.util.List;

/**
 * Payment card numbers (PANs): 13-19 digits that pass the Luhn check and start like a card scheme
 * (2-6: Mastercard, Amex, Visa, Discover/UnionPay), printed in groups of four, Amex's 4-6-5, or unbroken,
 * possibly wrapped onto the next line. Masked numbers ({@code xxxx xxxx xxxx 1234}) show only four digits
 * and never match.
 */
public final class PaymentCardDetector implements IdentifierDetector {

    private static final List<List<Integer>> CUSTOMARY = List.of(
            List.of(4, 4, 4, 4), List.of(4, 6, 5), List.of(4, 6, 4), List.of(4, 4, 4, 4, 3), List.of(4, 4, 4, 1),
            List.of(13), List.of(14), List.of(15), List.of(16), List.of(17), List.of(18), List.of(19));

    @Override
    public String reason() {
        return "card-number";
    }

    @Override
    public boolean foundIn(String text) {
        for (DigitRun run : DigitRun.find(text)) {
            if (run.digitCount() < 13 || run.label().endsWith("+")) {
                continue;
            }
            for (int length = 13; length <= 19; length++) {
                for (DigitRun.Candidate c : run.candidates(length)) {
                    char first = c.digits().charAt(0);
                    if (first >= '2' && first <= '6' && c.shapedAs(CUSTOMARY) && CheckDigits.luhn(c.digits())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
