package io.aibatch.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.routing.detect.IdentifierDetector;
import io.aibatch.routing.detect.MedicareNumberDetector;
import io.aibatch.routing.detect.PaymentCardDetector;
import io.aibatch.routing.detect.TaxFileNumberDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property test of the identifier detectors as an attacker would write the identifiers: seeded random renderings
 * of valid TFNs, Medicare and card numbers (separators of every kind, digits of other scripts, labels, words,
 * OCR look-alikes, tables, line breaks, punctuation around) must all be found; realistic numbers that are not
 * identifiers (phones, dates, invoice and order numbers, ABNs, ACNs, amounts, postcodes, BSB and account numbers)
 * must almost never be. Prints {@code RESULT detection recall=... fpRate=...}; README quotes it.
 */
class DetectionRecallAndFalsePositiveTest {

    static final int RENDERINGS_PER_KIND = 600;
    static final int NON_IDENTIFIER_TEXTS = 3000;

    private final List<IdentifierDetector> detectors =
            List.of(new TaxFileNumberDetector(true), new MedicareNumberDetector(), new PaymentCardDetector());

    @Test
    void everyRenderingOfAnIdentifierIsFoundAndAtMostOneNonIdentifierInAHundredIsTaken() {
        Random random = new Random(15);
        int renderings = 0;
        List<String> missed = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            IdentifierDetector detector = detectors.get(kind.ordinal());
            for (int i = 0; i < RENDERINGS_PER_KIND; i++) {
                String text = IdentifierRenderings.render(kind, random);
                renderings++;
                if (!detector.foundIn(text)) {
                    missed.add(kind + ": " + text);
                }
            }
        }
        List<String> falsePositives = new ArrayList<>();
        List<String> nonIdentifiers = NonIdentifierTexts.generate(new Random(1500), NON_IDENTIFIER_TEXTS);
        for (String text : nonIdentifiers) {
            for (IdentifierDetector detector : detectors) {
                if (detector.foundIn(text)) {
                    falsePositives.add(detector.reason() + ": " + text);
                    break;
                }
            }
        }
        double recall = 1 - (double) missed.size() / renderings;
        double fpRate = (double) falsePositives.size() / nonIdentifiers.size();
        System.out.printf(
                "RESULT detection recall=%.4f (%d renderings, %d missed) fpRate=%.4f (%d of %d non-identifier texts)%n",
                recall, renderings, missed.size(), fpRate, falsePositives.size(), nonIdentifiers.size());
        falsePositives.stream()
                .limit(20)
                .forEach(fp -> System.out.println("false positive: " + fp.replace("\n", "\\n")));
        assertThat(missed).as("missed renderings").isEmpty();
        assertThat(fpRate).as("false positives: " + falsePositives).isLessThanOrEqualTo(0.01);
    }

    enum Kind {
        TFN,
        MEDICARE,
        CARD
    }
}
