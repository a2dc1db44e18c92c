package io.aibatch.devtools.sampledata;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Document texts the committed sample set does not contain (other seeds), for measuring classifiers and
 * detectors on text nothing was tuned on. Text only: no rendering, so hundreds take well under a second.
 */
public final class HeldOutTexts {

    /**
     * @param identifiers the restricted identifiers the text carries ("tfn", "medicare", "card-number")
     */
    public record Text(String category, String text, List<String> identifiers) {}

    private HeldOutTexts() {}

    public static List<Text> generate(long firstSeed, int perCategory) {
        List<Text> texts = new ArrayList<>();
        for (DocumentCategory category : DocumentCategory.values()) {
            for (int i = 0; i < perCategory; i++) {
                DocumentContent content = ContentTemplate.forCategory(category)
                        .write(new FakeDetails(new Random(firstSeed + 7919L * i + category.ordinal())));
                StringBuilder text = new StringBuilder(content.title());
                for (List<String> block : content.blocks()) {
                    for (String line : block) {
                        text.append(text.isEmpty() ? "" : "\n").append(line);
                    }
                }
                texts.add(new Text(category.label(), text.toString(), content.identifiers()));
            }
        }
        return texts;
    }
}
