package io.aibatch.routing.detect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Australian tax file numbers: 9 digits whose weighted sum is divisible by 11, printed {@code 123 456 782}
 * or unbroken. Optionally also the 8-digit numbers issued before 1990, but only when the words "tax file"
 * or "TFN" come just before: one in eleven arbitrary 8-digit numbers (phone numbers, bank accounts) passes
 * their check, so without that context they would restrict half the invoices.
 * <p>
 * Not a TFN: a number labelled ABN/ACN/ARBN (company identifiers, 9 digits for an ACN), anything after
 * '+' (an international phone number), any part of a valid 11-digit ABN.
 */
public final class TaxFileNumberDetector implements IdentifierDetector {

    private static final List<List<Integer>> CUSTOMARY = List.of(List.of(3, 3, 3), List.of(9));
    private static final List<List<Integer>> CUSTOMARY_LEGACY = List.of(List.of(3, 3, 2), List.of(4, 4), List.of(8));
    private static final Pattern COMPANY_NUMBER_LABEL = Pattern.compile("(?i)\\b(ABN|ACN|ARBN)[:#.]?\\s*$");
    private static final Pattern TFN_CONTEXT = Pattern.compile("(?i)(tax\\s+file|\\bTFN\\b)");

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
        for (DigitRun run : DigitRun.find(text)) {
            if (notPersonal(run)) {
                continue;
            }
            for (DigitRun.Candidate c : run.candidates(9)) {
                if (c.shapedAs(CUSTOMARY) && CheckDigits.taxFileNumber(c.digits())) {
                    return true;
                }
            }
            if (legacyWithContext && TFN_CONTEXT.matcher(run.precededBy()).find()) {
                for (DigitRun.Candidate c : run.candidates(8)) {
                    if (c.shapedAs(CUSTOMARY_LEGACY) && CheckDigits.legacyTaxFileNumber(c.digits())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean notPersonal(DigitRun run) {
        return COMPANY_NUMBER_LABEL.matcher(run.precededBy()).find()
                || run.label().endsWith("+")
                || CheckDigits.australianBusinessNumber(run.digits());
    }
}
