package io.aibatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.devtools.sampledata.HeldOutTexts;
import io.aibatch.engine.embed.SentenceEmbeddings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * How the shipped per-label minimum scores ({@code min-score} in config/application.yaml) were chosen, and a pin
 * that they still follow from the data. Calibration data only, never the data the classifier is tested on:
 * on-topic texts are HeldOutTexts with seed {@value #ON_TOPIC_SEED} (the accuracy tests use 1000 and 5000),
 * off-topic texts are {@link OffTopicTexts#calibration} (news, minutes, product descriptions, weather, sport,
 * FAQs; the off-topic test uses the disjoint {@link OffTopicTexts#heldOut} families: manuals, release notes, API
 * pages, recipes, travel guides, abstracts).
 * <p>
 * Rule, per label: {@code onMin} = the lowest score of an on-topic text of that category that the classifier gives
 * that label; {@code offMax} = the highest score of an off-topic text whose nearest label it is. When they do not
 * overlap the minimum is halfway between; when they do (letters: a first-person note and a news item are alike to
 * this model) it is just under {@code onMin}, so no on-topic text that was right becomes "other". Rounded down to
 * 0.01.
 */
class ClassifierCalibrationTest {

    static final long ON_TOPIC_SEED = 9000;

    @Test
    void theConfiguredMinimumScoresAreTheOnesTheCalibrationDataGive() {
        List<LabelDefinition> configured = ConfiguredLabels.load();
        List<LabelDefinition> open = configured.stream()
                .map(l -> new LabelDefinition(l.name(), l.description()))
                .toList();
        EmbeddingZeroShotClassifier classifier =
                new EmbeddingZeroShotClassifier(new SentenceEmbeddings(), open, Runnable::run);
        Map<String, Double> onMin = new TreeMap<>();
        for (HeldOutTexts.Text text : HeldOutTexts.generate(ON_TOPIC_SEED, 15)) {
            Classification c = classifier.classifyNow(text.text());
            if (text.category().equals(c.label())) {
                onMin.merge(c.label(), c.score(), Math::min);
            }
        }
        Map<String, Double> offMax = new TreeMap<>();
        for (String text : OffTopicTexts.calibration(ON_TOPIC_SEED, 90)) {
            Classification c = classifier.classifyNow(text);
            offMax.merge(c.label(), c.score(), Math::max);
        }
        List<String> lines = new ArrayList<>();
        Map<LabelDefinition, Double> calibratedByLabel = new java.util.LinkedHashMap<>();
        for (LabelDefinition label : configured) {
            double on = onMin.get(label.name());
            double off = offMax.getOrDefault(label.name(), 0.0);
            double calibrated = Math.floor(100 * (off < on ? (on + off) / 2 : on - 0.01)) / 100;
            lines.add(String.format(
                    "%s onMin=%.3f offMax=%.3f calibrated=%.2f configured=%.2f",
                    label.name(), on, off, calibrated, label.minScore()));
            System.out.println("calibration " + lines.get(lines.size() - 1));
            calibratedByLabel.put(label, calibrated);
        }
        calibratedByLabel.forEach((label, calibrated) -> assertThat(label.minScore())
                .as(label.name() + ": recalibrate min-score in config/application.yaml after changing labels")
                .isCloseTo(calibrated, org.assertj.core.data.Offset.offset(0.015)));
    }
}
