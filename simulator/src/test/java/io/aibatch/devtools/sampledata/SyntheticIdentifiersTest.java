package io.aibatch.devtools.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticIdentifiersTest {

    private static final int SAMPLES = 2_000;

    @Test
    void taxFileNumbersHaveNineDigitsAndWeightedSumDivisibleByEleven() {
        Random random = new Random(1);
        int[] weights = {1, 4, 3, 7, 5, 8, 6, 9, 10};
        for (int n = 0; n < SAMPLES; n++) {
            String tfn = SyntheticIdentifiers.taxFileNumber(random);
            assertThat(tfn).matches("\\d{9}");
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (tfn.charAt(i) - '0') * weights[i];
            }
            assertThat(sum % 11).as(tfn).isZero();
            assertThat(SyntheticIdentifiers.isValidTaxFileNumber(tfn)).isTrue();
            assertThat(SyntheticIdentifiers.isValidTaxFileNumber(SyntheticIdentifiers.formatTaxFileNumber(tfn)))
                    .isTrue();
        }
    }

    @Test
    void medicareNumbersStartWithTwoToSixAndCarryTheCheckDigitInPositionNine() {
        Random random = new Random(2);
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9};
        for (int n = 0; n < SAMPLES; n++) {
            String medicare = SyntheticIdentifiers.medicareNumber(random);
            assertThat(medicare).matches("[2-6]\\d{7}\\d[1-9]");
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (medicare.charAt(i) - '0') * weights[i];
            }
            assertThat(medicare.charAt(8) - '0').as(medicare).isEqualTo(sum % 10);
            assertThat(SyntheticIdentifiers.isValidMedicareNumber(SyntheticIdentifiers.formatMedicareNumber(medicare)))
                    .isTrue();
        }
    }

    @Test
    void cardNumbersPassAnIndependentLuhnCheck() {
        Random random = new Random(3);
        for (int n = 0; n < SAMPLES; n++) {
            String card = SyntheticIdentifiers.paymentCardNumber(random);
            assertThat(card).matches("(4\\d|5[1-5])\\d{14}");
            assertThat(referenceLuhn(card)).as(card).isTrue();
            assertThat(SyntheticIdentifiers.isValidLuhn(SyntheticIdentifiers.formatCardNumber(card)))
                    .isTrue();
        }
    }

    @Test
    void businessNumbersPassTheAbnCheck() {
        Random random = new Random(4);
        int[] weights = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
        for (int n = 0; n < 200; n++) {
            String abn = SyntheticIdentifiers.australianBusinessNumber(random);
            int sum = 0;
            for (int i = 0; i < 11; i++) {
                int digit = abn.charAt(i) - '0' - (i == 0 ? 1 : 0);
                sum += digit * weights[i];
            }
            assertThat(sum % 89).as(abn).isZero();
        }
    }

    @Test
    void publishedExamplesAreAcceptedAndOneDigitTyposRejected() {
        // Examples widely used in documentation of these check-digit schemes.
        assertThat(SyntheticIdentifiers.isValidTaxFileNumber("123 456 782")).isTrue();
        assertThat(SyntheticIdentifiers.isValidMedicareNumber("2123 45670 1")).isTrue();
        assertThat(SyntheticIdentifiers.isValidLuhn("4111 1111 1111 1111")).isTrue();
        assertThat(SyntheticIdentifiers.isValidAustralianBusinessNumber("51 824 753 556"))
                .isTrue();

        // Every weight is coprime to the modulus, so changing any single digit must break the check.
        Random random = new Random(5);
        for (int n = 0; n < 200; n++) {
            String tfn = SyntheticIdentifiers.taxFileNumber(random);
            String medicare = SyntheticIdentifiers.medicareNumber(random);
            String card = SyntheticIdentifiers.paymentCardNumber(random);
            int position = random.nextInt(9);
            assertThat(SyntheticIdentifiers.isValidTaxFileNumber(bump(tfn, position)))
                    .isFalse();
            assertThat(SyntheticIdentifiers.isValidMedicareNumber(bump(medicare, random.nextInt(9))))
                    .isFalse();
            assertThat(SyntheticIdentifiers.isValidLuhn(bump(card, random.nextInt(16))))
                    .isFalse();
        }
    }

    @Test
    void luhnCheckDigitCompletesAPayload() {
        assertThat(SyntheticIdentifiers.luhnCheckDigit("411111111111111")).isEqualTo(1);
        assertThat(SyntheticIdentifiers.luhnCheckDigit("7992739871")).isEqualTo(3);
    }

    private static String bump(String digits, int position) {
        char[] chars = digits.toCharArray();
        chars[position] = (char) ('0' + (chars[position] - '0' + 1 + new Random(position).nextInt(8)) % 10);
        return new String(chars);
    }

    /** Textbook Luhn: double every second digit from the right, sum the digits of the products. */
    private static boolean referenceLuhn(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int digit = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                int doubled = digit * 2;
                digit = doubled / 10 + doubled % 10;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
