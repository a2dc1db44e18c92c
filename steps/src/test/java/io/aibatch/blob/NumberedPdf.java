package io.aibatch.blob;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A one-page text-layer PDF (no OCR needed, so the document pipeline handles it in about a millisecond) whose text
 * carries a number: made once with PDFBox with an uncompressed content stream, then stamped per document by
 * replacing a fixed-width placeholder, which keeps every byte offset valid. Thousands of distinct, real PDFs in
 * no time.
 */
public final class NumberedPdf {

    private static final String PLACEHOLDER = "#########";
    private static final byte[] TEMPLATE = template();
    private static final int AT = indexOf(TEMPLATE, PLACEHOLDER.getBytes(StandardCharsets.US_ASCII));

    private NumberedPdf() {}

    /** The text the pipeline reads from document {@code number}. */
    public static String text(int number) {
        return "Blob test document number " + "%09d".formatted(number);
    }

    public static byte[] of(int number) {
        byte[] pdf = TEMPLATE.clone();
        byte[] digits = "%09d".formatted(number).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, pdf, AT, digits.length);
        return pdf;
    }

    private static byte[] template() {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A6);
            document.addPage(page);
            try (PDPageContentStream content =
                    new PDPageContentStream(document, page, PDPageContentStream.AppendMode.OVERWRITE, false)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                content.newLineAtOffset(20, 200);
                content.showText("Blob test document number " + PLACEHOLDER);
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("the PDF template does not contain its placeholder in plain text");
    }
}
