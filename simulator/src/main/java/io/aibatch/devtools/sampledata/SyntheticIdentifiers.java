package io.aibatch.devtools.sampledata;

import java.util.Random;

/**
 * Generates and checks the identifiers that make a document restricted (tax file numbers,
 * Medicare numbers, payment card numbers) and one that does not (ABN). Generated numbers carry
 * valid check digits so that a detector which verifies check digits still finds them; they come
 * from a seeded {@link Random}, so they are synthetic, not copies of anyone's real number.
 *
 * <p>Generators return bare digits; the {@code format...} methods add the spacing people print.
 */
public final class SyntheticIdentifiers {

    private static final int[] TFN_WEIGHTS = {1, 4, 3, 7, 5, 8, 6, 9, 10};
    private static final int[] MEDICARE_WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9};
    private static final int[] ABN_WEIGHTS = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};

    private SyntheticIdentifiers() {}

    /** A 9-digit Australian tax file number whose weighted digit sum is divisible by 11. */
    public static String taxFileNumber(Random random) {
        while (true) {
            int[] digits = new int[9];
            digits[0] = 1 + random.nextInt(9);
            int sum = digits[0] * TFN_WEIGHTS[0];
            for (int i = 1; i < 8; i++) {
                digits[i] = random.nextInt(10);
                sum += digits[i] * TFN_WEIGHTS[i];
            }
            // The last weight is 10, which is -1 mod 11, so the last digit must equal sum mod 11;
            // when that is 10 no single digit works and we draw again.
            int last = sum % 11;
            if (last <= 9) {
                digits[8] = last;
                return join(digits);
            }
        }
    }

    public static boolean isValidTaxFileNumber(String text) {
        int[] digits = digitsOf(text, 9);
        return digits != null && weightedSum(digits, TFN_WEIGHTS, 9) % 11 == 0;
    }

    /**
     * A 10-digit Medicare card number: first digit 2-6, digit 9 is the weighted check digit of the
     * first eight, digit 10 is the issue number (1-9). The individual reference number printed next
     * to a name on the card is not part of it.
     */
    public static String medicareNumber(Random random) {
        int[] digits = new int[10];
        digits[0] = 2 + random.nextInt(5);
        for (int i = 1; i < 8; i++) {
            digits[i] = random.nextInt(10);
        }
        digits[8] = weightedSum(digits, MEDICARE_WEIGHTS, 8) % 10;
        digits[9] = 1 + random.nextInt(9);
        return join(digits);
    }

    public static boolean isValidMedicareNumber(String text) {
        int[] digits = digitsOf(text, 10);
        return digits != null
                && digits[0] >= 2
                && digits[0] <= 6
                && weightedSum(digits, MEDICARE_WEIGHTS, 8) % 10 == digits[8];
    }

    /** A 16-digit Visa- or Mastercard-shaped number that passes the Luhn check. */
    public static String paymentCardNumber(Random random) {
        int[] digits = new int[16];
        if (random.nextBoolean()) {
            digits[0] = 4;
            digits[1] = random.nextInt(10);
        } else {
            digits[0] = 5;
            digits[1] = 1 + random.nextInt(5);
        }
        for (int i = 2; i < 15; i++) {
            digits[i] = random.nextInt(10);
        }
        digits[15] = luhnCheckDigit(join(digits).substring(0, 15));
        return join(digits);
    }

    /** The digit to append to {@code payload} so that the whole number passes the Luhn check. */
    public static int luhnCheckDigit(String payload) {
        // Appending a digit shifts every payload digit one place left, so doubling starts at the last one.
        int sum = luhnSum(payload + "0");
        return (10 - sum % 10) % 10;
    }

    public static boolean isValidLuhn(String text) {
        String digits = text.replaceAll("[ -]", "");
        return digits.matches("\\d{12,19}") && luhnSum(digits) % 10 == 0;
    }

    /**
     * An 11-digit Australian Business Number: subtract 1 from the first digit, weight, sum mod 89 == 0.
     * ABNs are public business identifiers; they appear on invoices and do not restrict a document.
     */
    public static String australianBusinessNumber(Random random) {
        while (true) {
            int[] digits = new int[11];
            digits[0] = 1 + random.nextInt(9);
            for (int i = 1; i < 11; i++) {
                digits[i] = random.nextInt(10);
            }
            String candidate = join(digits);
            if (isValidAustralianBusinessNumber(candidate)) {
                return candidate;
            }
        }
    }

    public static boolean isValidAustralianBusinessNumber(String text) {
        int[] digits = digitsOf(text, 11);
        if (digits == null || digits[0] == 0) {
            return false;
        }
        digits[0] -= 1;
        return weightedSum(digits, ABN_WEIGHTS, 11) % 89 == 0;
    }

    /** "123 456 782", as printed on ATO letters. */
    public static String formatTaxFileNumber(String digits) {
        return digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
    }

    /** "2123 45670 1", as printed on the card. */
    public static String formatMedicareNumber(String digits) {
        return digits.substring(0, 4) + " " + digits.substring(4, 9) + " " + digits.substring(9);
    }

    /** "4111 1111 1111 1111". */
    public static String formatCardNumber(String digits) {
        return String.join(
                " ", digits.substring(0, 4), digits.substring(4, 8), digits.substring(8, 12), digits.substring(12));
    }

    /** "51 824 753 556". */
    public static String formatBusinessNumber(String digits) {
        return String.join(
                " ", digits.substring(0, 2), digits.substring(2, 5), digits.substring(5, 8), digits.substring(8));
    }

    private static int luhnSum(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum;
    }

    private static int weightedSum(int[] digits, int[] weights, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += digits[i] * weights[i];
        }
        return sum;
    }

    /** The digits of {@code text} once spaces are removed, or null if it is not exactly {@code length} digits. */
    private static int[] digitsOf(String text, int length) {
        String compact = text.replace(" ", "");
        if (compact.length() != length || !compact.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return compact.chars().map(c -> c - '0').toArray();
    }

    private static String join(int[] digits) {
        StringBuilder sb = new StringBuilder(digits.length);
        for (int d : digits) {
            sb.append(d);
        }
        return sb.toString();
    }
}
