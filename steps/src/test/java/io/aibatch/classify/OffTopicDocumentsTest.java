package io.aibatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.engine.embed.SentenceEmbeddings;
import io.aibatch.routing.Restriction;
import io.aibatch.routing.RestrictionPolicy;
import io.aibatch.routing.detect.MedicareNumberDetector;
import io.aibatch.routing.detect.PaymentCardDetector;
import io.aibatch.routing.detect.TaxFileNumberDetector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Documents of none of the configured kinds (software manuals, release notes, API pages, recipes, travel guides,
 * abstracts: families the minimum scores were not calibrated on) come out "other", restricted as unclassified, and
 * their numbers (ports, versions, sizes, build numbers) are not taken for identifiers.
 */
class OffTopicDocumentsTest {

    @Test
    void nineInTenDocumentsThatFitNoLabelAreOtherAndAlmostNoneCarryAnIdentifier() {
        EmbeddingZeroShotClassifier classifier =
                new EmbeddingZeroShotClassifier(new SentenceEmbeddings(), ConfiguredLabels.load(), Runnable::run);
        RestrictionPolicy policy = new RestrictionPolicy(
                Set.of("medical-referral", "hr-record"),
                List.of(new TaxFileNumberDetector(true), new MedicareNumberDetector(), new PaymentCardDetector()));
        List<String> texts = OffTopicTexts.heldOut(15, 120);
        Map<String, Integer> labels = new TreeMap<>();
        int identifiers = 0;
        for (String text : texts) {
            Classification c = classifier.classifyNow(text);
            labels.merge(c.label(), 1, Integer::sum);
            Restriction restriction = policy.assess(c.label(), text);
            if (c.label().equals(Classification.OTHER)) {
                assertThat(restriction.reasons()).as(text).contains(RestrictionPolicy.UNCLASSIFIED);
            }
            identifiers += restriction.reasons().stream().anyMatch(r -> List.of("tfn", "medicare", "card-number")
                            .contains(r))
                    ? 1
                    : 0;
        }
        double other = (double) labels.getOrDefault(Classification.OTHER, 0) / texts.size();
        double fpRate = (double) identifiers / texts.size();
        System.out.printf(
                "RESULT off-topic other=%.3f identifierFpRate=%.3f labels=%s (%d held-out off-topic texts)%n",
                other, fpRate, labels, texts.size());
        assertThat(other).isGreaterThanOrEqualTo(0.9);
        assertThat(fpRate).isLessThanOrEqualTo(0.02);
    }
}
