package io.aibatch.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.aibatch.pipeline.RejectedItemException;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/** Each hostile file is refused with its own code, quickly, without allocating what it announces. */
class HostileDocumentsTest {

    private final DocumentDecoder decoder = new DocumentDecoder(DocumentLimits.defaults());

    static {
        // PDFBox logs the page-tree cycle at ERROR before it gives up; the dead-letter reports it (as the
        // application's logging configuration does)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.apache.pdfbox.pdmodel.PDPageTree.class))
                .setLevel(ch.qos.logback.classic.Level.OFF);
    }

    @Test
    void everyHostileFileIsRefusedWithItsCodeBeforeItAllocates() throws Exception {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("png-bomb.png", HostileFiles.pngBomb());
        files.put("tiff-bomb.tif", HostileFiles.tiffBomb());
        files.put("tiff-ifd-loop.tif", HostileFiles.tiffIfdLoop());
        files.put("jpeg-huge-sof.jpg", HostileFiles.jpegHugeSof());
        files.put("pdf-image-bomb.pdf", HostileFiles.pdfImageBomb());
        files.put("pdf-content-bomb.pdf", HostileFiles.pdfContentBomb());
        files.put("encrypted.pdf", HostileFiles.encryptedPdf());
        files.put("page-tree-cycle.pdf", HostileFiles.pageTreeCycle());
        files.put("ten-thousand-pages.pdf", HostileFiles.tenThousandPages());
        assertThat(files.get("pdf-image-bomb.pdf").length)
                .as("the image bomb is small on disk")
                .isLessThan(4 << 20);

        resetPeakHeap();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            RejectedItemException rejected = assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> reject(file.getKey(), file.getValue()),
                    file.getKey() + " must be refused promptly");
            assertThat(rejected).as(file.getKey()).isNotNull();
            assertThat(rejected.code())
                    .as(file.getKey() + ": " + rejected.getMessage())
                    .isEqualTo(HostileFiles.expectedCodes().get(file.getKey()));
        }
        // the bombs announce 400 MB to 2 GB each; refusing them must not come near that
        assertThat(peakHeapBytes()).as("peak heap while refusing them").isLessThan(400L << 20);

        RejectedItemException sparse =
                catchThrowableOfType(RejectedItemException.class, () -> decoder.checkSize(4L << 30));
        assertThat(sparse.code()).isEqualTo("too-large");
    }

    @Test
    void aTiffWhoseDirectoriesLoopIsCorruptAlsoWhenOnlyItsHeaderIsChecked() throws Exception {
        byte[] loop = HostileFiles.tiffIfdLoop();
        RejectedItemException e = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> catchThrowableOfType(
                        RejectedItemException.class, () -> decoder.checkImageHeader(DocumentType.TIFF, loop)));
        assertThat(e.code()).isEqualTo("corrupt-image");
        assertThat(e.getMessage()).contains("loops back");
    }

    @Test
    void pagesReadFromATextLayerAreNotLimitedLikePagesThatMustBeOcrd() throws Exception {
        DocumentDecoder fewOcrPages =
                new DocumentDecoder(new DocumentLimits(64L << 20, 40_000_000, 2, 150, 16, 1000, 160L << 20));
        List<DocumentPage> manual = new ArrayList<>();
        fewOcrPages.decode(DocumentType.PDF, textPdf(234), manual::add);
        assertThat(manual).hasSize(234).allMatch(page -> page instanceof DocumentPage.TextPage);

        RejectedItemException scans = catchThrowableOfType(
                RejectedItemException.class, () -> fewOcrPages.decode(DocumentType.PDF, blankPdf(3), page -> {}));
        assertThat(scans.code()).isEqualTo("too-many-pages");
        assertThat(scans.getMessage()).contains("without a text layer", "aibatch.documents.max-pages");

        DocumentDecoder fewPages =
                new DocumentDecoder(new DocumentLimits(64L << 20, 40_000_000, 2, 150, 16, 100, 160L << 20));
        RejectedItemException tooLong = catchThrowableOfType(
                RejectedItemException.class, () -> fewPages.decode(DocumentType.PDF, textPdf(234), page -> {}));
        assertThat(tooLong.getMessage()).contains("234 pages", "aibatch.documents.max-text-pages");
    }

    private RejectedItemException reject(String name, byte[] content) {
        return catchThrowableOfType(RejectedItemException.class, () -> {
            String extension = name.substring(name.lastIndexOf('.') + 1);
            DocumentType type = decoder.identify(name, extension, content);
            decoder.checkImageHeader(type, content);
            decoder.decode(type, content, page -> {});
        });
    }

    private static byte[] textPdf(int pages) throws Exception {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 760);
                    content.showText("Chapter " + (i + 1) + ": installing the pump assembly");
                    content.endText();
                }
            }
            return save(document);
        }
    }

    private static byte[] blankPdf(int pages) throws Exception {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage(PDRectangle.A4));
            }
            return save(document);
        }
    }

    private static byte[] save(PDDocument document) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private static void resetPeakHeap() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound on what was live at once. */
    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }
}
