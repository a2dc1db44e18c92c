package io.aibatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.devtools.sampledata.HeldOutTexts;
import io.aibatch.engine.embed.SentenceEmbeddings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Zero-shot classification of the sample documents' ground-truth text with the configured label descriptions. */
class EmbeddedClassifierAccuracyTest {

    static final Path GROUND_TRUTH = Path.of("..", "sample-data", "ground-truth");
    static EmbeddingZeroShotClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = new EmbeddingZeroShotClassifier(new SentenceEmbeddings(), ConfiguredLabels.load(), Runnable::run);
    }

    @Test
    void atLeastFourInFiveSampleDocumentsGetTheirCategory() throws IOException {
        List<String> rows = Files.readAllLines(GROUND_TRUTH.resolve("labels.csv"));
        int correct = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            String name = cells[0].substring(cells[0].lastIndexOf('/') + 1, cells[0].lastIndexOf('.'));
            Classification c = classifier
                    .classify(name, Files.readString(GROUND_TRUTH.resolve(name + ".txt")))
                    .join();
            boolean right = cells[1].equals(c.label());
            correct += right ? 1 : 0;
            System.out.printf(
                    "classify %-22s %-17s %.3f %s%n",
                    name, c.label(), c.score(), right ? "" : "WRONG (" + cells[1] + ")");
        }
        double accuracy = (double) correct / (rows.size() - 1);
        System.out.printf(
                "embedded zero-shot accuracy on sample ground truth: %.1f%% (%d/%d)%n",
                100 * accuracy, correct, rows.size() - 1);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void atLeastFourInFiveHeldOutDocumentsGetTheirCategory() {
        List<HeldOutTexts.Text> texts = HeldOutTexts.generate(1000, 20);
        Map<String, Integer> wrongByCategory = new TreeMap<>();
        int correct = 0;
        for (HeldOutTexts.Text text : texts) {
            Classification c = classifier.classify("held-out", text.text()).join();
            if (text.category().equals(c.label())) {
                correct++;
            } else {
                wrongByCategory.merge(text.category() + "->" + c.label(), 1, Integer::sum);
            }
        }
        double accuracy = (double) correct / texts.size();
        System.out.printf(
                "embedded zero-shot accuracy on %d held-out generated texts: %.1f%%, confusions %s%n",
                texts.size(), 100 * accuracy, wrongByCategory);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void aBlankDocumentGetsNoLabel() {
        assertThat(classifier.classify("blank", " \n\f ").join().label()).isNull();
    }
}
