package io.aibatch.document;

import io.aibatch.pipeline.RejectedItemException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Turns the bytes of a document into pages, one at a time so that a long document never holds more
 * than one rendered page in memory. Every way an input can be unusable ends in a
 * {@link RejectedItemException} whose message says what is wrong with this file.
 */
public final class DocumentDecoder {

    private final DocumentLimits limits;

    public DocumentDecoder(DocumentLimits limits) {
        this.limits = limits;
    }

    public DocumentLimits limits() {
        return limits;
    }

    /**
     * Checks the size and the leading bytes against the name; returns the type to decode as.
     */
    public DocumentType identify(String name, String extension, byte[] content) {
        if (content.length == 0) {
            throw new RejectedItemException("empty-file", "the file is empty (0 bytes)");
        }
        checkSize(content.length);
        DocumentType sniffed = DocumentType.sniff(content);
        if (sniffed != null) {
            return sniffed;
        }
        DocumentType declared = DocumentType.fromExtension(extension);
        String looksLike = ContentDescriber.describe(content);
        if (declared != null) {
            throw new RejectedItemException(
                    "content-mismatch",
                    "the file is named ." + extension + " but its content is not " + article(declared) + " "
                            + declared.name() + " (" + looksLike + ")");
        }
        String suffix = extension.isEmpty() ? "files without an extension" : "'." + extension + "' files";
        throw new RejectedItemException(
                "unsupported-type",
                "unsupported file type: " + suffix + " are not read by the document " + "pipeline (" + looksLike
                        + "); supported are PDF, PNG, JPEG and TIFF");
    }

    public void checkSize(long size) {
        if (size > limits.maxBytes()) {
            throw new RejectedItemException(
                    "too-large",
                    "the file is %,d bytes, above the limit of %,d bytes (aibatch.documents.max-bytes)"
                            .formatted(size, limits.maxBytes()));
        }
    }

    /**
     * For images: checks the pixel count from the header alone, so a remote engine is never sent an image
     * it would refuse (or choke on) for its size. PDFs are left to the engine.
     */
    public void checkImageHeader(DocumentType type, byte[] content) {
        if (!type.isImage()) {
            return;
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new RejectedItemException("corrupt-image", "no decoder recognises this " + type.name() + " data");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                checkPixels(reader.getWidth(0), reader.getHeight(0), 1);
                if (type == DocumentType.TIFF) {
                    TiffDirectories.count(content, limits.maxPages());
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RejectedItemException rejected) {
                throw rejected;
            }
            throw new RejectedItemException(
                    "corrupt-image", "the " + type.name() + " image header cannot be read: " + rootMessage(e), e);
        }
    }

    /** Decodes every page of {@code content} and hands it to {@code pages}, in page order. */
    public void decode(DocumentType type, byte[] content, Consumer<DocumentPage> pages) {
        if (type == DocumentType.PDF) {
            decodePdf(content, pages);
        } else {
            decodeImages(type, content, pages);
        }
    }

    private void decodeImages(DocumentType type, byte[] content, Consumer<DocumentPage> pages) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new RejectedItemException("corrupt-image", "no decoder recognises this " + type.name() + " data");
            }
            ImageReader reader = readers.next();
            try {
                // metadata is never needed here and can itself be a bomb (huge ICC profiles, XMP, text chunks)
                reader.setInput(input, false, true);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                // not getNumImages(true): it follows a looping IFD chain forever
                int count = type == DocumentType.TIFF ? TiffDirectories.count(content, limits.maxPages()) : 1;
                checkPageCount(count);
                for (int index = 0; index < count; index++) {
                    checkPixels(reader.getWidth(index), reader.getHeight(index), index + 1);
                    checkRasterBytes(reader, index);
                    BufferedImage image = reader.read(index);
                    if (!warnings.isEmpty()) {
                        throw new RejectedItemException(
                                "corrupt-image",
                                "the " + type.name() + " image is damaged or truncated: " + warnings.get(0));
                    }
                    pages.accept(new DocumentPage.ImagePage(index + 1, image, 300));
                }
            } finally {
                reader.dispose();
            }
        } catch (RejectedItemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RejectedItemException(
                    "corrupt-image",
                    "the " + type.name() + " image is damaged or truncated and cannot be decoded: " + rootMessage(e),
                    e);
        }
    }

    private void decodePdf(byte[] content, Consumer<DocumentPage> pages) {
        PDDocument document;
        try {
            document = Loader.loadPDF(content);
        } catch (InvalidPasswordException e) {
            throw new RejectedItemException(
                    "encrypted-pdf", "the PDF is password-protected; provide an unprotected copy", e);
        } catch (IOException | RuntimeException e) {
            throw new RejectedItemException(
                    "corrupt-pdf", "the PDF is damaged and cannot be parsed: " + rootMessage(e), e);
        }
        try (document) {
            int count = document.getNumberOfPages();
            if (count == 0) {
                throw new RejectedItemException("corrupt-pdf", "the PDF has no pages");
            }
            if (count > limits.maxTextPages()) {
                throw new RejectedItemException(
                        "too-many-pages",
                        "the PDF has %,d pages, above the limit of %,d (aibatch.documents.max-text-pages)"
                                .formatted(count, limits.maxTextPages()));
            }
            new PdfStreamLimits(limits).check(document.getDocument());
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            PDFRenderer renderer = new PDFRenderer(document);
            // an embedded scan far larger than the rendered page is read at a fraction of its resolution
            renderer.setSubsamplingAllowed(true);
            int rendered = 0;
            for (int index = 0; index < count; index++) {
                stripper.setStartPage(index + 1);
                stripper.setEndPage(index + 1);
                String text = stripper.getText(document);
                if (nonBlankCharacters(text) >= limits.minTextLayerChars()) {
                    pages.accept(new DocumentPage.TextPage(index + 1, text.strip()));
                } else {
                    rendered++;
                    if (rendered > limits.maxPages()) {
                        throw new RejectedItemException(
                                "too-many-pages",
                                "the PDF has more than %d pages without a text layer, which must be rendered and OCR'd (aibatch.documents.max-pages)"
                                        .formatted(limits.maxPages()));
                    }
                    int dpi = renderDpi(document.getPage(index).getMediaBox(), index + 1);
                    BufferedImage image = renderer.renderImageWithDPI(index, dpi, ImageType.GRAY);
                    pages.accept(new DocumentPage.ImagePage(index + 1, image, dpi));
                }
            }
        } catch (RejectedItemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RejectedItemException(
                    "corrupt-pdf", "the PDF is damaged and a page cannot be read: " + rootMessage(e), e);
        } catch (StackOverflowError e) {
            // a page tree or resource chain that refers back to itself sends PDFBox's recursion round forever
            throw new RejectedItemException(
                    "corrupt-pdf", "the PDF is damaged: its structure refers back to itself (a cycle)");
        }
    }

    /** The configured DPI, lowered when the page is so large that the rendered image would exceed the pixel limit. */
    private int renderDpi(PDRectangle box, int page) {
        double widthInches = box.getWidth() / 72.0;
        double heightInches = box.getHeight() / 72.0;
        double pixelsAtDpi = widthInches * heightInches * limits.renderDpi() * limits.renderDpi();
        if (pixelsAtDpi <= limits.maxPixels()) {
            return limits.renderDpi();
        }
        int dpi = (int) Math.floor(Math.sqrt(limits.maxPixels() / (widthInches * heightInches)));
        if (dpi < 72) {
            throw new RejectedItemException(
                    "too-many-pixels",
                    "page %d measures %.0f × %.0f inches; it cannot be rendered at 72 dpi or more within the limit of %,d pixels (aibatch.documents.max-pixels)"
                            .formatted(page, widthInches, heightInches, limits.maxPixels()));
        }
        return dpi;
    }

    private void checkPixels(int width, int height, int page) {
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new RejectedItemException(
                    "too-many-pixels",
                    "page %d is %,d × %,d = %,d pixels, above the limit of %,d pixels (aibatch.documents.max-pixels)"
                            .formatted(page, width, height, pixels, limits.maxPixels()));
        }
    }

    /** The decoded raster's bytes from the header's sample layout, so that deep (16-bit, many-band) images count fully. */
    private void checkRasterBytes(ImageReader reader, int index) throws IOException {
        ImageTypeSpecifier raw = reader.getRawImageType(index);
        if (raw == null) {
            return;
        }
        int bitsPerPixel = 0;
        for (int size : raw.getSampleModel().getSampleSize()) {
            bitsPerPixel += size;
        }
        long bytes = ((long) reader.getWidth(index) * bitsPerPixel + 7) / 8 * reader.getHeight(index);
        if (bytes > limits.maxDecodedBytes()) {
            throw new RejectedItemException(
                    "too-many-pixels",
                    "page %d decodes to %,d bytes, above the limit of %,d bytes (aibatch.documents.max-decoded-bytes)"
                            .formatted(index + 1, bytes, limits.maxDecodedBytes()));
        }
    }

    private void checkPageCount(int count) {
        if (count > limits.maxPages()) {
            throw new RejectedItemException(
                    "too-many-pages",
                    "the document has %d pages to decode as images for OCR, above the limit of %d (aibatch.documents.max-pages)"
                            .formatted(count, limits.maxPages()));
        }
    }

    private static long nonBlankCharacters(String text) {
        return text.chars().filter(c -> !Character.isWhitespace(c)).count();
    }

    private static String article(DocumentType type) {
        return type == DocumentType.PDF ? "a" : "a valid";
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
