package io.aibatch.devtools.sampledata;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes the two PDF kinds. Left alone, PDFBox stamps a file identifier made from the clock, so we
 * set the /ID ourselves from the file name and leave the creation and modification dates out.
 */
final class PdfFiles {

    private static final String PRODUCER = "aibatch sample-data generator";

    private PdfFiles() {}

    /** A born-digital PDF: every line drawn as real text in the embedded (subset) font. */
    static void writeTextPdf(List<PageLayout.Page> pages, Path fontFile, String title, Path file) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, fontFile.toFile());
            for (PageLayout.Page page : pages) {
                PDPage pdfPage = new PDPage(PDRectangle.A4);
                document.addPage(pdfPage);
                try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
                    for (PageLayout.TextLine line : page.lines()) {
                        content.beginText();
                        content.setFont(font, line.size());
                        // PDF y grows upwards; the layout measures from the top.
                        content.newLineAtOffset(line.x(), PageLayout.PAGE_HEIGHT - line.baseline());
                        content.showText(line.text());
                        content.endText();
                    }
                }
            }
            save(document, title, file);
        }
    }

    /**
     * A scanned PDF: each page is one grayscale image filling an A4 page, with no text layer at all.
     * Flate (lossless) rather than JPEG keeps a noisy 300 dpi page near 300 KB instead of 1 MB.
     */
    static void writeScannedPdf(List<BufferedImage> pageImages, String title, Path file) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (BufferedImage image : pageImages) {
                PDPage pdfPage = new PDPage(PDRectangle.A4);
                document.addPage(pdfPage);
                PDImageXObject xObject = LosslessFactory.createFromImage(document, image);
                try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
                    content.drawImage(xObject, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
            }
            save(document, title, file);
        }
    }

    private static void save(PDDocument document, String title, Path file) throws IOException {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setProducer(PRODUCER);
        info.setCreationDate(null);
        info.setModificationDate(null);
        byte[] id = fixedId(file.getFileName().toString());
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
        document.save(file.toFile());
    }

    private static byte[] fixedId(String name) {
        try {
            return MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }
}
