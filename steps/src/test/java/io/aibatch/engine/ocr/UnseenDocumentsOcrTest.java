package io.aibatch.engine.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.devtools.quality.CharacterErrorRate;
import io.aibatch.devtools.sampledata.GeneratedDocument;
import io.aibatch.devtools.sampledata.GeneratorOptions;
import io.aibatch.devtools.sampledata.SampleDocumentGenerator;
import io.aibatch.document.DocumentDecoder;
import io.aibatch.document.DocumentLimits;
import io.aibatch.document.DocumentPage;
import io.aibatch.document.DocumentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCR accuracy on documents nothing was tuned on: a fresh seed, fonts the committed sample set does
 * not use (DejaVu Condensed and Light faces), more skew and more noise.
 */
class UnseenDocumentsOcrTest {

    @TempDir
    Path dir;

    @Test
    void characterErrorRateOnUnseenDocumentsStaysUnderFivePercent() throws Exception {
        List<GeneratedDocument> documents =
                SampleDocumentGenerator.generate(GeneratorOptions.unseenOcrSet(20261126L, 12, dir));
        DocumentDecoder decoder = new DocumentDecoder(DocumentLimits.defaults());
        Path tessdata = Tessdata.resolve(null, "eng", dir.resolve("cache"));
        long errors = 0;
        long characters = 0;
        try (TesseractOcrEngine ocr = new TesseractOcrEngine(tessdata, "eng")) {
            for (GeneratedDocument document : documents) {
                byte[] content = Files.readAllBytes(dir.resolve(document.file()));
                String name = document.plan().fileName();
                StringBuilder text = new StringBuilder();
                DocumentType type = decoder.identify(name, name.substring(name.lastIndexOf('.') + 1), content);
                decoder.decode(type, content, page -> {
                    DocumentPage.ImagePage image = (DocumentPage.ImagePage) page;
                    text.append(ocr.recognize(image.image(), image.dpi()).text())
                            .append('\f');
                });
                String truth = Files.readString(
                        dir.resolve("ground-truth").resolve(name.substring(0, name.lastIndexOf('.')) + ".txt"));
                int documentErrors = CharacterErrorRate.errors(truth, text.toString());
                System.out.printf(
                        "unseen CER %-26s %6.2f%%%n", name, 100.0 * documentErrors / CharacterErrorRate.length(truth));
                errors += documentErrors;
                characters += CharacterErrorRate.length(truth);
            }
        }
        double cer = (double) errors / characters;
        System.out.printf(
                "CER over %d unseen documents: %.3f%% (%d errors in %d characters)%n",
                documents.size(), 100 * cer, errors, characters);
        assertThat(cer).isLessThan(0.05);
    }
}
