package io.aibatch.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.embed.SentenceEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExtractiveSummarizerTest {

    @Test
    void keepsTheMostCentralSentencesOfTheBodyInDocumentOrder() throws Exception {
        ExtractiveSummarizer summarizer = new ExtractiveSummarizer(new SentenceEmbeddings(), 3, Runnable::run);
        String text = Files.readString(Path.of("..", "sample-data", "ground-truth", "letter-03.txt"));
        Summary summary =
                summarizer.summarize("letter-03", text, Sensitivity.RESTRICTED).join();
        System.out.println("extractive summary of letter-03: " + summary.text());
        assertThat(summary.engine()).isEqualTo("embedded/all-minilm-l6-v2-q/extractive");
        assertThat(summary.text())
                .isNotBlank()
                .doesNotContain("296 Mountain Crescent")
                .doesNotContain("Phone 0450");
        // wrapped lines were joined into whole sentences taken verbatim from the letter
        String flat = text.replaceAll("\\s+", " ");
        for (String sentence : summary.text().split("(?<=[.!?]) ")) {
            assertThat(flat).contains(sentence);
        }
        assertThat(summary.text().split("(?<=[.!?]) ")).hasSizeLessThanOrEqualTo(3);
        assertThat(flat.indexOf(summary.text().split("(?<=[.!?]) ")[0]))
                .isLessThan(flat.indexOf(summary.text().split("(?<=[.!?]) ")[1]));
    }
}
