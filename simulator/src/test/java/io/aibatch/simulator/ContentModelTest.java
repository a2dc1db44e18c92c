package io.aibatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.simulator.audio.WavInfo;
import io.aibatch.simulator.content.DocumentFormat;
import io.aibatch.simulator.content.DocumentInfo;
import io.aibatch.simulator.content.DocumentInspector;
import io.aibatch.simulator.content.PageSelection;
import io.aibatch.simulator.content.TokenCounter;
import io.aibatch.simulator.llm.ChatRequest;
import io.aibatch.simulator.llm.LlmResponder;
import io.aibatch.simulator.ocr.StringIndex;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ContentModelTest {

    @Test
    void tokenCountsAreRealisticForEnglish() {
        assertThat(TokenCounter.count("")).isZero();
        assertThat(TokenCounter.count("the")).isEqualTo(1);
        assertThat(TokenCounter.count("international")).isEqualTo(3);
        assertThat(TokenCounter.count("Invoice 123456, due.")).isEqualTo(7); // Invoi|ce, 123|456, ",", due, "."
    }

    @Test
    void tokenCountOfProseIsAboutOnePointThreePerWord() {
        String prose = "The board met on Tuesday to review the quarterly results. Revenue grew faster than expected, "
                + "while operating costs remained broadly stable across all regions and business units.";
        int words = prose.split("\\s+").length;
        double perWord = TokenCounter.count(prose) / (double) words;
        assertThat(perWord).isBetween(1.1, 1.6);
        assertThat(TokenCounter.truncate(prose, 5)).isEqualTo("The board met on"); // "Tuesday" (7 letters) is 2 tokens
    }

    @Test
    void truncatedDocumentsAreRecognisedAsDamaged() {
        byte[] png = TestDocuments.png(120, 80, 200);
        byte[] pdf = TestDocuments.pdf(2, "x");
        assertThat(DocumentInspector.damage(png, DocumentFormat.PNG)).isNull();
        assertThat(DocumentInspector.damage(pdf, DocumentFormat.PDF)).isNull();
        assertThat(DocumentInspector.damage(java.util.Arrays.copyOf(png, png.length / 2), DocumentFormat.PNG))
                .contains("truncated");
        assertThat(DocumentInspector.damage(java.util.Arrays.copyOf(pdf, pdf.length - 20), DocumentFormat.PDF))
                .contains("damaged");
        byte[] jpegStart = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};
        assertThat(DocumentInspector.damage(jpegStart, DocumentFormat.JPEG)).contains("truncated");
    }

    @Test
    void inspectorCountsPdfPagesAndReadsImageSizes() {
        DocumentInfo pdf = DocumentInspector.inspect(TestDocuments.pdf(7, "x"));
        assertThat(pdf.format()).isEqualTo(DocumentFormat.PDF);
        assertThat(pdf.pageCount()).isEqualTo(7);
        assertThat(pdf.unit()).isEqualTo("inch");
        DocumentInfo png = DocumentInspector.inspect(TestDocuments.png(321, 123, 0));
        assertThat(png.format()).isEqualTo(DocumentFormat.PNG);
        assertThat(png.width()).isEqualTo(321);
        assertThat(png.height()).isEqualTo(123);
        assertThat(DocumentInspector.detect("hello".getBytes())).isEqualTo(DocumentFormat.UNKNOWN);
    }

    @Test
    void pageSelectionFollowsBothApis() {
        assertThat(PageSelection.select(null, 3, true)).containsExactly(1, 2, 3);
        assertThat(PageSelection.select("2-", 4, true)).containsExactly(2, 3, 4);
        assertThat(PageSelection.select("-2,4", 5, true)).containsExactly(1, 2, 4);
        assertThat(PageSelection.select("1, 3-9", 4, false)).containsExactly(1, 3, 4);
        assertThatThrownBy(() -> PageSelection.select("2-", 4, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageSelection.select("x", 4, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wavDurationComesFromTheHeader() {
        assertThat(WavInfo.parse(TestDocuments.wav(2.5, 0)).durationSeconds()).isEqualTo(2.5);
        assertThat(WavInfo.detect("ID3xxxxxxx".getBytes())).isEqualTo(WavInfo.Container.OTHER_AUDIO);
        assertThat(WavInfo.detect("hello".getBytes())).isEqualTo(WavInfo.Container.NOT_AUDIO);
    }

    @Test
    void stringIndexUnitsDifferOnlyBeyondTheBmp() {
        String s = "a\uD83D\uDE00b"; // a 😀 b: 4 UTF-16 units, 3 code points, 3 graphemes
        assertThat(StringIndex.of(s, "utf16CodeUnit").offset(3)).isEqualTo(3);
        assertThat(StringIndex.of(s, "unicodeCodePoint").offset(3)).isEqualTo(2);
        assertThat(StringIndex.of(s, "textElements").offset(3)).isEqualTo(2);
        assertThat(StringIndex.of(s, "unicodeCodePoint").length(0, 4)).isEqualTo(3);
    }

    private static String answer(String prompt, boolean json) {
        ObjectNode body = SimClient.JSON.createObjectNode();
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        if (json) {
            body.putObject("response_format").put("type", "json_object");
        }
        return LlmResponder.answer(ChatRequest.parse(body), 100).content();
    }

    @Test
    void llmAnswersAreDeterministicFunctionsOfThePrompt() {
        String numbered = "Label the ticket. Choose one of the following labels:\n1. billing\n2. outage\n3. other\n\n"
                + "Ticket: our outage started at noon and the outage continues.";
        assertThat(answer(numbered, false)).isEqualTo("outage");
        assertThat(answer(numbered, true)).isEqualTo("{\"label\":\"outage\"}");
        String noMention = "Classify as one of: red | green | blue\n\nNothing relevant here.";
        assertThat(answer(noMention, false)).isIn("red", "green", "blue").isEqualTo(answer(noMention, false));
        assertThat(answer("What does this say? First point. Second point. Third point. Fourth point.", false))
                .isEqualTo("What does this say? First point. Second point.");
    }
}
