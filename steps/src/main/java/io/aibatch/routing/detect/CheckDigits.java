package io.aibatch.routing.detect;

/** Check-digit algorithms of the identifiers the detectors look for. Inputs are strings of digits only. */
final class CheckDigits {

    private static final int[] TFN_WEIGHTS = {1, 4, 3, 7, 5, 8, 6, 9, 10};
    private static final int[] TFN_LEGACY_WEIGHTS = {10, 7, 8, 4, 6, 3, 5, 1};
    private static final int[] MEDICARE_WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9};
    private static final int[] ACN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 1};
    private static final int[] ABN_WEIGHTS = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};

    private CheckDigits() {}

    /** 9-digit tax file number: weighted sum (1,4,3,7,5,8,6,9,10) divisible by 11. */
    static boolean taxFileNumber(String digits) {
        return digits.length() == 9 && weightedSum(digits, TFN_WEIGHTS) % 11 == 0 && !allSame(digits);
    }

    /** 8-digit tax file number issued before 1990s reforms: weighted sum (10,7,8,4,6,3,5,1) divisible by 11. */
    static boolean legacyTaxFileNumber(String digits) {
        return digits.length() == 8 && weightedSum(digits, TFN_LEGACY_WEIGHTS) % 11 == 0 && !allSame(digits);
    }

    /**
     * 10-digit Medicare card number: first digit 2-6, the ninth digit is the weighted sum of the first eight
     * (1,3,7,9,1,3,7,9) mod 10, the tenth is the issue number.
     */
    static boolean medicareNumber(String digits) {
        if (digits.length() != 10 || allSame(digits)) {
            return false;
        }
        int first = digits.charAt(0) - '0';
        return first >= 2
                && first <= 6
                && weightedSum(digits.substring(0, 8), MEDICARE_WEIGHTS) % 10 == digits.charAt(8) - '0';
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** 11-digit Australian Business Number: first digit minus one, weighted sum divisible by 89. */
    static boolean australianBusinessNumber(String digits) {
        if (digits.length() != 11 || digits.charAt(0) == '0') {
            return false;
        }
        int sum = (digits.charAt(0) - '0' - 1) * ABN_WEIGHTS[0];
        for (int i = 1; i < 11; i++) {
            sum += (digits.charAt(i) - '0') * ABN_WEIGHTS[i];
        }
        return sum % 89 == 0;
    }

    /** 9-digit Australian Company Number (also ARBN): weights 8..1 on the first eight, check = (10 - sum mod 10) mod 10. */
    static boolean australianCompanyNumber(String digits) {
        if (digits.length() != 9) {
            return false;
        }
        int sum = weightedSum(digits, ACN_WEIGHTS);
        return (10 - sum % 10) % 10 == digits.charAt(8) - '0';
    }

    /**
     * Whether a Luhn-valid number starts like a card scheme's numbers of that length (Visa, Mastercard, Amex,
     * Discover, UnionPay, JCB, Diners): for numbers printed without a label, where Luhn alone passes one in ten.
     */
    static boolean cardIssuer(String digits) {
        int length = digits.length();
        int two = Integer.parseInt(digits.substring(0, 2));
        int three = Integer.parseInt(digits.substring(0, 3));
        int four = Integer.parseInt(digits.substring(0, 4));
        if (digits.charAt(0) == '4') {
            return length == 13 || length == 16 || length == 19;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return length == 16;
        }
        if (two == 34 || two == 37) {
            return length == 15;
        }
        if (four == 6011
                || two == 65
                || (three >= 644 && three <= 649)
                || two == 62
                || (four >= 3528 && four <= 3589)) {
            return length >= 16;
        }
        if (two == 36 || two == 38 || two == 39 || (three >= 300 && three <= 305)) {
            return length >= 14;
        }
        return false;
    }

    private static int weightedSum(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return sum;
    }

    /** 000000000 passes most mod checks; no real identifier is one digit repeated. */
    private static boolean allSame(String digits) {
        return digits.chars().allMatch(c -> c == digits.charAt(0));
    }
}
