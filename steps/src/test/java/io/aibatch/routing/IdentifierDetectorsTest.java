package io.aibatch.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.devtools.sampledata.SyntheticIdentifiers;
import io.aibatch.routing.detect.MedicareNumberDetector;
import io.aibatch.routing.detect.PatternDetector;
import io.aibatch.routing.detect.PaymentCardDetector;
import io.aibatch.routing.detect.TaxFileNumberDetector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

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
    void everyGeneratedTaxFileNumberIsFoundAndAnUnlabelledNumberNeedsTheCustomaryGrouping() {
        Random random = new Random(1);
        int grouped = 0;
        int unbroken = 0;
        for (int i = 0; i < 1000; i++) {
            String valid = SyntheticIdentifiers.taxFileNumber(random);
            assertThat(tfn.foundIn("TFN " + SyntheticIdentifiers.formatTaxFileNumber(valid)))
                    .as(valid)
                    .isTrue();
            assertThat(tfn.foundIn("TFN " + valid)).as(valid).isTrue();
            String changed = valid.substring(0, 8) + ((valid.charAt(8) - '0' + 1) % 10);
            assertThat(tfn.foundIn("TFN " + changed))
                    .as("one digit changed: " + changed)
                    .isFalse();
            String randomNumber = String.format("%09d", Math.floorMod(random.nextLong(), 1_000_000_000L));
            unbroken += tfn.foundIn("Order " + randomNumber) ? 1 : 0;
            grouped += tfn.foundIn("Order " + SyntheticIdentifiers.formatTaxFileNumber(randomNumber)) ? 1 : 0;
        }
        // the check digit can only reject 10 in 11 random numbers: an unbroken number far from a label is not
        // enough evidence; one printed 123 456 782 is (a miss is a leak, a false positive a cheaper engine)
        assertThat(unbroken).isZero();
        assertThat(grouped).isBetween(50, 140);
    }

    @Test
    void legacyEightDigitTaxFileNumbersNeedTheWordsTaxFileNearby() {
        // 10,7,8,4,6,3,5,1 weights: 1*10+2*7+3*8+4*4+5*6+6*3+7*5+x = 147 + x; x=7 → 154 = 14*11
        assertThat(tfn.foundIn("Tax file number 1234 5677")).isTrue();
        assertThat(tfn.foundIn("Phone (08) 1234 5677")).isFalse();
        assertThat(new TaxFileNumberDetector(false).foundIn("Tax file number 1234 5677"))
                .isFalse();
    }

    @Test
    void businessNumbersAndPhoneNumbersAreNotTaxFileNumbers() {
        Random random = new Random(2);
        for (int i = 0; i < 500; i++) {
            String abn =
                    SyntheticIdentifiers.formatBusinessNumber(SyntheticIdentifiers.australianBusinessNumber(random));
            assertThat(tfn.foundIn("ABN " + abn)).as(abn).isFalse();
            assertThat(tfn.foundIn(abn)).as("unlabelled " + abn).isFalse();
            assertThat(medicare.foundIn("ABN " + abn)).as(abn).isFalse();
        }
        // 123 456 888 passes both the TFN and the ACN check: labelled as a company number it is not a person's
        assertThat(tfn.foundIn("ACN 123 456 888")).isFalse();
        // a label must be true: 123 456 782 is no valid ACN (nor, with 9 digits, an ABN), so it is still a TFN
        assertThat(tfn.foundIn("ACN 123 456 782")).isTrue();
        assertThat(tfn.foundIn("ABN 123 456 782")).isTrue();
        assertThat(tfn.foundIn("Call +61 123 456 782")).isFalse();
        assertThat(tfn.foundIn("Phone 0473 220 323, mobile 0439 144 181, (07) 8193 4157"))
                .isFalse();
    }

    @Test
    void medicareNumbersNeedAValidCheckDigitAndAFirstDigitFromTwoToSix() {
        assertThat(medicare.foundIn("Medicare number 3824 31562 4, reference 3"))
                .isTrue();
        assertThat(medicare.foundIn("Medicare 3824315624")).isTrue();
        assertThat(medicare.foundIn("Medicare number 3824 31563 4"))
                .as("wrong check digit")
                .isFalse();
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            String number = SyntheticIdentifiers.medicareNumber(random);
            assertThat(medicare.foundIn(SyntheticIdentifiers.formatMedicareNumber(number)))
                    .as(number)
                    .isTrue();
            String firstDigitZero = "0" + number.substring(1);
            assertThat(medicare.foundIn(firstDigitZero)).as(firstDigitZero).isFalse();
        }
    }

    @Test
    void australianPhoneNumbersAreNotMedicareNumbers() {
        for (String phone : new String[] {
            "0473 220 323",
            "(07) 8193 4157",
            "07 8193 4157",
            "1300 123 456",
            "1800 555 222",
            "+61 473 220 323",
            "+61 2 9876 5432"
        }) {
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
        assertThat(card.foundIn("by credit card, card number 5218 2649 3642\n1253, cardholder Chloe Nguyen"))
                .isTrue();
        Random random = new Random(4);
        for (int i = 0; i < 500; i++) {
            String number = SyntheticIdentifiers.paymentCardNumber(random);
            assertThat(card.foundIn("Card " + SyntheticIdentifiers.formatCardNumber(number)))
                    .as(number)
                    .isTrue();
        }
    }

    @Test
    void maskedOrLuhnInvalidCardNumbersAreNot() {
        assertThat(card.foundIn("Card number xxxx xxxx xxxx 3614")).isFalse();
        assertThat(card.foundIn("Card number **** **** **** 3614")).isFalse();
        assertThat(card.foundIn("Card number 4111 11XX XXXX 1111")).isFalse();
        assertThat(card.foundIn("Card number 4111 1111 1111 1112")).isFalse();
        assertThat(card.foundIn("ABN 83 764 823 695, Invoice INV-94342, BSB 370-602 account 96067007"))
                .isFalse();
    }

    @Test
    void anIdentifierPrintedRightAfterAnotherNumberIsStillFound() {
        // a postcode at the end of one line, the TFN at the start of the next
        assertThat(tfn.foundIn("Launceston TAS 7250\n772 089 523")).isTrue();
        assertThat(medicare.foundIn("reference 3 3824 31562 4")).isTrue();
    }

    @Test
    void theRenderingsThatLeakedBeforeAreFound() {
        // issue 15: TFN 123 456 782 as an attacker (or an odd template) prints it
        for (String text : List.of(
                "123\u00A0456\u00A0782",
                "123\u2009456\u2009782",
                "123\u2007456\u202F782",
                "123.456.782",
                "123,456,782",
                "123/456/782",
                "123_456_782",
                "123|456|782",
                "123\u2013456\u2014782",
                "123\u2212456\u2212782",
                "| 123 | 456 | 782 |",
                "123 456\n782",
                "123 456\n\n782",
                "Total,123 456 782",
                "Ref.123 456 782",
                "+123 456 782",
                "Ref:123 456 782",
                "123 456 782.00",
                "$123,456,782.00",
                "\u0661\u0662\u0663 \u0664\u0665\u0666 \u0667\u0668\u0662",
                "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18\uFF12 (TFN)",
                "\u0967\u0968\u0969-\u096A\u096B\u096C-\u096D\u096E\u0968",
                "ABN 123 456 782",
                "TFN 12 3456 782",
                "Tax file number: 1234 5678 2",
                "TFN:123456782",
                "Tax file number: one two three four five six seven eight two",
                "TFN l23 4S6 7B2",
                "TFN: I23-456-7B2",
                "T.F.N. 1\u200B2\u200B3\u200B4\u200B5\u200B6\u200B7\u200B8\u200B2",
                "Tax file number ........... 12-34-56-78-2")) {
            assertThat(tfn.foundIn("Employee details\n" + text + "\nThank you"))
                    .as(text)
                    .isTrue();
        }
        for (String text : List.of(
                "2123\u00A045670\u00A01",
                "2123.45670.1",
                "| 2123 | 45670 | 1 |",
                "Medicare:2123456701",
                "Medicare 21 23 45 67 01",
                "Medicare number two one two three four five six seven zero one",
                "Medicare 2l23 4S67O 1")) {
            assertThat(medicare.foundIn(text)).as(text).isTrue();
        }
        for (String text : List.of(
                "4111.1111.1111.1111",
                "4111\u20131111\u20131111\u20131111",
                "| 4111 | 1111 | 1111 | 1111 |",
                "4111 1111\n1111 1111",
                "Visa 41 1111 1111 11 1111",
                "card,4111111111111111",
                "Card 4lll 1lll l1ll ll1l")) {
            assertThat(card.foundIn(text)).as(text).isTrue();
        }
    }

    @Test
    void arabicIndicGroupsAreReadInTheOrderAViewerDisplaysThem() {
        // PDF text extraction stores "TFN ١٢٣ ٤٥٦ ٧٨٢" as printed on the page in the order that a bidi-aware viewer
        // displays as printed: groups reversed. 782 456 123 is no TFN; what the reader sees, 123 456 782, is
        String stored = "\u0667\u0668\u0662 \u0664\u0665\u0666 \u0661\u0662\u0663";
        assertThat(tfn.foundIn("TFN " + stored)).isTrue();
        assertThat(tfn.foundIn("Reference " + stored)).isTrue();
        assertThat(tfn.foundIn("TFN 782 456 123"))
                .as("ASCII digits are not reordered")
                .isFalse();
    }

    @Test
    void aMegabyteOfArabicIndicGroupsIsReadWithoutOverflowingTheStack() {
        // a regular expression (groups)* recursed once per group and threw StackOverflowError here
        String text = "\u0661\u0662\u0663 ".repeat(250_000);
        assertThat(tfn.foundIn(text)).isFalse();
    }

    @Test
    void aCompanyLabelOnlyExcludesANumberThatIsThatCompanyNumberAndNeverOneFarAway() {
        String abn = "51 824 753 556";
        assertThat(SyntheticIdentifiers.isValidAustralianBusinessNumber(abn)).isTrue();
        // a valid ABN printed right before a TFN does not hide it, nor does "ABN" written elsewhere
        assertThat(tfn.foundIn("ABN " + abn + " 123 456 782")).isTrue();
        assertThat(tfn.foundIn("ABN: see our website. Employee 123 456 782")).isTrue();
        assertThat(tfn.foundIn("ABN\n\n\n123 456 782")).isTrue();
        // two digits chosen to make "xx 123 456 782" a valid ABN do not launder a TFN next to its label
        String laundered = launderedAsAbn("123456782");
        assertThat(tfn.foundIn("TFN " + laundered)).as(laundered).isTrue();
        // but a real ABN is not a TFN, labelled or not, wherever a TFN label is in the document
        assertThat(tfn.foundIn("TFN 123 456 782 ABN " + abn)).isTrue();
        assertThat(tfn.foundIn("Tax file number declaration received. Supplier ABN " + abn))
                .isFalse();
        assertThat(tfn.foundIn("Tax file number: see enclosed letter dated 12/03/1998"))
                .isFalse();
    }

    private static String launderedAsAbn(String tfn) {
        for (int prefix = 10; prefix < 100; prefix++) {
            if (SyntheticIdentifiers.isValidAustralianBusinessNumber(prefix + tfn)) {
                return prefix + " " + SyntheticIdentifiers.formatTaxFileNumber(tfn);
            }
        }
        throw new AssertionError("no prefix makes " + tfn + " an ABN");
    }

    @Test
    void configuredPatternsAlsoSeeNormalisedDigits() {
        PatternDetector passport = new PatternDetector("passport", "\\b[A-Z]\\d{7}\\b");
        assertThat(passport.foundIn("Passport N\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17"))
                .isTrue();
    }

    @Test
    void configuredPatternsRecordTheirName() {
        PatternDetector passport = new PatternDetector("passport", "\\b[A-Z]\\d{7}\\b");
        assertThat(passport.reason()).isEqualTo("passport");
        assertThat(passport.foundIn("Passport N1234567 issued")).isTrue();
        assertThat(passport.foundIn("Invoice INV-1234567")).isFalse();
        assertThatThrownBy(() -> new PatternDetector("broken", "([a-z"))
                .hasMessageContaining("broken")
                .hasMessageContaining("not a valid regular expression");
    }
}
