package io.aibatch.routing;

import io.aibatch.routing.detect.MedicareNumberDetector;
import io.aibatch.routing.detect.PatternDetector;
import io.aibatch.routing.detect.PaymentCardDetector;
import io.aibatch.routing.detect.TaxFileNumberDetector;
import io.aibatch.sampledata.SyntheticIdentifiers;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifierDetectorsTest {

    private final TaxFileNumberDetector tfn = new TaxFileNumberDetector(true);
    private final MedicareNumberDetector medicare = new MedicareNumberDetector();
    private final PaymentCardDetector card = new PaymentCardDetector();

    @Test
    void taxFileNumbersWithAValidCheckDigitAreFoundAsPrintedOrUnbroken() {
        assertThat(tfn.foundIn("Tax file number: 123 456 782")).isTrue();
        assertThat(tfn.foundIn("TFN 123456782.")).isTrue();
        assertThat(tfn.foundIn("tfn 123-456-782")).isTrue();
        assertThat(tfn.foundIn("Tax file number: 772 089 523")).isTrue();
    }

    @Test
    void taxFileNumbersWithAWrongCheckDigitAreNot() {
        assertThat(tfn.foundIn("Tax file number: 123 456 781")).isFalse();
        assertThat(tfn.foundIn("Tax file number: 772 089 532")).isFalse();
        assertThat(tfn.foundIn("000 000 000")).isFalse();
    }

    @Test
    void everyGeneratedTaxFileNumberIsFoundAndAlmostNoRandomNineDigitNumberIs() {
        Random random = new Random(1);
        int falsePositives = 0;
        for (int i = 0; i < 1000; i++) {
            String valid = SyntheticIdentifiers.taxFileNumber(random);
            assertThat(tfn.foundIn("TFN " + SyntheticIdentifiers.formatTaxFileNumber(valid))).as(valid).isTrue();
            String changed = valid.substring(0, 8) + ((valid.charAt(8) - '0' + 1) % 10);
            assertThat(tfn.foundIn("TFN " + changed)).as("one digit changed: " + changed).isFalse();
            String randomNumber = String.format("%09d", Math.floorMod(random.nextLong(), 1_000_000_000L));
            falsePositives += tfn.foundIn("Order " + randomNumber) ? 1 : 0;
        }
        // the check digit can only reject 10 in 11 random numbers: this is why labels restrict too
        assertThat(falsePositives).isBetween(50, 140);
    }

    @Test
    void legacyEightDigitTaxFileNumbersNeedTheWordsTaxFileNearby() {
        // 10,7,8,4,6,3,5,1 weights: 1*10+2*7+3*8+4*4+5*6+6*3+7*5+x = 147 + x; x=7 → 154 = 14*11
        assertThat(tfn.foundIn("Tax file number 1234 5677")).isTrue();
        assertThat(tfn.foundIn("Phone (08) 1234 5677")).isFalse();
        assertThat(new TaxFileNumberDetector(false).foundIn("Tax file number 1234 5677")).isFalse();
    }

    @Test
    void businessNumbersAndPhoneNumbersAreNotTaxFileNumbers() {
        Random random = new Random(2);
        for (int i = 0; i < 500; i++) {
            String abn = SyntheticIdentifiers.formatBusinessNumber(SyntheticIdentifiers.australianBusinessNumber(random));
            assertThat(tfn.foundIn("ABN " + abn)).as(abn).isFalse();
            assertThat(tfn.foundIn(abn)).as("unlabelled " + abn).isFalse();
            assertThat(medicare.foundIn("ABN " + abn)).as(abn).isFalse();
        }
        // 123 456 782 is a valid TFN shape, but labelled as a company number it is not a person's
        assertThat(tfn.foundIn("ACN 123 456 782")).isFalse();
        assertThat(tfn.foundIn("Call +61 123 456 782")).isFalse();
        assertThat(tfn.foundIn("Phone 0473 220 323, mobile 0439 144 181, (07) 8193 4157")).isFalse();
    }

    @Test
    void medicareNumbersNeedAValidCheckDigitAndAFirstDigitFromTwoToSix() {
        assertThat(medicare.foundIn("Medicare number 3824 31562 4, reference 3")).isTrue();
        assertThat(medicare.foundIn("Medicare 3824315624")).isTrue();
        assertThat(medicare.foundIn("Medicare number 3824 31563 4")).as("wrong check digit").isFalse();
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            String number = SyntheticIdentifiers.medicareNumber(random);
            assertThat(medicare.foundIn(SyntheticIdentifiers.formatMedicareNumber(number))).as(number).isTrue();
            String firstDigitZero = "0" + number.substring(1);
            assertThat(medicare.foundIn(firstDigitZero)).as(firstDigitZero).isFalse();
        }
    }

    @Test
    void australianPhoneNumbersAreNotMedicareNumbers() {
        for (String phone : new String[]{"0473 220 323", "(07) 8193 4157", "07 8193 4157", "1300 123 456", "1800 555 222",
                "+61 473 220 323", "+61 2 9876 5432"}) {
            assertThat(medicare.foundIn("Phone " + phone)).as(phone).isFalse();
            assertThat(tfn.foundIn("Phone " + phone)).as(phone).isFalse();
            assertThat(card.foundIn("Phone " + phone)).as(phone).isFalse();
        }
    }

    @Test
    void cardNumbersPassingLuhnAreFoundWithSpacesDashesOrALineBreak() {
        assertThat(card.foundIn("Card number 4111 1111 1111 1111")).isTrue();
        assertThat(card.foundIn("card 4111-1111-1111-1111 exp 12/27")).isTrue();
        assertThat(card.foundIn("4111111111111111")).isTrue();
        assertThat(card.foundIn("Amex 3782 822463 10005")).isTrue();
        assertThat(card.foundIn("by credit card, card number 5218 2649 3642\n1253, cardholder Chloe Nguyen")).isTrue();
        Random random = new Random(4);
        for (int i = 0; i < 500; i++) {
            String number = SyntheticIdentifiers.paymentCardNumber(random);
            assertThat(card.foundIn("Card " + SyntheticIdentifiers.formatCardNumber(number))).as(number).isTrue();
        }
    }

    @Test
    void maskedOrLuhnInvalidCardNumbersAreNot() {
        assertThat(card.foundIn("Card number xxxx xxxx xxxx 3614")).isFalse();
        assertThat(card.foundIn("Card number **** **** **** 3614")).isFalse();
        assertThat(card.foundIn("Card number 4111 11XX XXXX 1111")).isFalse();
        assertThat(card.foundIn("Card number 4111 1111 1111 1112")).isFalse();
        assertThat(card.foundIn("ABN 83 764 823 695, Invoice INV-94342, BSB 370-602 account 96067007")).isFalse();
    }

    @Test
    void anIdentifierPrintedRightAfterAnotherNumberIsStillFound() {
        // a postcode at the end of one line, the TFN at the start of the next
        assertThat(tfn.foundIn("Launceston TAS 7250\n772 089 523")).isTrue();
        assertThat(medicare.foundIn("reference 3 3824 31562 4")).isTrue();
    }

    @Test
    void configuredPatternsRecordTheirName() {
        PatternDetector passport = new PatternDetector("passport", "\\b[A-Z]\\d{7}\\b");
        assertThat(passport.reason()).isEqualTo("passport");
        assertThat(passport.foundIn("Passport N1234567 issued")).isTrue();
        assertThat(passport.foundIn("Invoice INV-1234567")).isFalse();
        assertThatThrownBy(() -> new PatternDetector("broken", "([a-z"))
                .hasMessageContaining("broken").hasMessageContaining("not a valid regular expression");
    }
}
