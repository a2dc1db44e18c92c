package io.aibatch.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aibatch.pipeline.RejectedItemException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class DocumentDecoderTest {

    private final DocumentDecoder decoder = new DocumentDecoder(DocumentLimits.defaults());
    private static final List<String> LINES = List.of("Referral for Jane Citizen", "Medicare 2123 45670 1");

    @Test
    void textLayerPdfPagesUseTheirTextAndScannedPagesAreRendered() throws Exception {
        List<DocumentPage> text = decode("a.pdf", TestDocuments.textPdf(LINES));
        assertThat(text).singleElement().isInstanceOfSatisfying(DocumentPage.TextPage.class, page -> assertThat(
                        page.text())
                .contains("Referral for Jane Citizen"));

        List<DocumentPage> scanned = decode("b.pdf", TestDocuments.scannedPdf(TestDocuments.page(LINES, 40)));
        assertThat(scanned).singleElement().isInstanceOfSatisfying(DocumentPage.ImagePage.class, page -> assertThat(
                        page.image().getWidth())
                .isEqualTo(2480)); // A4 at 300 dpi
    }

    @Test
    void multiPageTiffGivesOnePagePerImage() throws Exception {
        byte[] tiff = TestDocuments.multiPageTiff(TestDocuments.page(LINES, 30), TestDocuments.page(LINES, 30));
        assertThat(decode("scan.tif", tiff))
                .hasSize(2)
                .extracting(DocumentPage::number)
                .containsExactly(1, 2);
    }

    @Test
    void theContentDecidesTheTypeNotTheName() throws Exception {
        byte[] png = TestDocuments.encode(TestDocuments.page(LINES, 30), "png");
        assertThat(decoder.identify("photo.jpg", "jpg", png)).isEqualTo(DocumentType.PNG);
    }

    @Test
    void everyBadInputIsRejectedWithItsOwnReason() throws Exception {
        byte[] png = TestDocuments.encode(TestDocuments.page(LINES, 30), "png");
        byte[] jpeg = TestDocuments.encode(TestDocuments.page(LINES, 30), "jpg");
        List<RejectedItemException> rejections = List.of(
                reject("empty.pdf", new byte[0]),
                reject("notes.pdf", "Meeting notes, not a PDF at all.\n".getBytes(StandardCharsets.UTF_8)),
                reject(
                        "broken.pdf",
                        "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage".getBytes(StandardCharsets.UTF_8)),
                reject("cut.png", Arrays.copyOf(png, png.length / 2)),
                reject("cut.jpg", Arrays.copyOf(jpeg, jpeg.length * 6 / 10)),
                reject("huge.png", TestDocuments.pngHeaderOnly(30_000, 30_000)),
                reject("report.docx", zip()));

        assertThat(rejections)
                .extracting(RejectedItemException::code)
                .containsExactly(
                        "empty-file",
                        "content-mismatch",
                        "corrupt-pdf",
                        "corrupt-image",
                        "corrupt-image",
                        "too-many-pixels",
                        "unsupported-type");
        assertThat(rejections.get(0).getMessage()).isEqualTo("the file is empty (0 bytes)");
        assertThat(rejections.get(1).getMessage())
                .contains("named .pdf", "not a PDF", "plain text, 33 bytes")
                .doesNotContain("Meeting");
        assertThat(rejections.get(3).getMessage()).contains("PNG", "damaged or truncated");
        assertThat(rejections.get(4).getMessage()).contains("JPEG", "damaged or truncated");
        assertThat(rejections.get(5).getMessage()).contains("30,000 × 30,000", "aibatch.documents.max-pixels");
        assertThat(rejections.get(6).getMessage())
                .contains("'.docx'", "ZIP archive", "supported are PDF, PNG, JPEG and TIFF");
        assertThat(rejections).extracting(RejectedItemException::getMessage).doesNotHaveDuplicates();
    }

    @Test
    void aRejectionNeverQuotesTheFileContent() {
        // e.g. an environment block reached through a symlink named like a document
        byte[] environment = "AZURE_OPENAI_API_KEY=0123456789abcdef\nPATH=/usr/bin\n".getBytes(StandardCharsets.UTF_8);
        byte[] binary = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0};
        for (RejectedItemException e : List.of(
                reject("statement.pdf", environment),
                reject("environ", environment),
                reject("scan.png", binary),
                reject("tool", binary))) {
            assertThat(e.getMessage())
                    .doesNotContain("AZURE", "PATH", "0123", "ELF", "7f45", "7f 45")
                    .containsAnyOf("plain text, 52 bytes", "binary data of an unrecognised kind, 20 bytes");
        }
    }

    @Test
    void tooManyBytesIsRejectedBeforeDecoding() {
        DocumentDecoder small = new DocumentDecoder(new DocumentLimits(1000, 40_000_000, 10, 300, 16));
        RejectedItemException e = catchThrowableOfType(RejectedItemException.class, () -> small.checkSize(5000));
        assertThat(e.code()).isEqualTo("too-large");
        assertThat(e.getMessage()).contains("5,000 bytes", "1,000 bytes");
    }

    @Test
    void tooManyPagesIsRejected() throws Exception {
        DocumentDecoder onePage = new DocumentDecoder(new DocumentLimits(1 << 26, 40_000_000, 1, 300, 16));
        byte[] tiff = TestDocuments.multiPageTiff(TestDocuments.page(LINES, 30), TestDocuments.page(LINES, 30));
        RejectedItemException e = catchThrowableOfType(
                RejectedItemException.class, () -> onePage.decode(DocumentType.TIFF, tiff, page -> {}));
        assertThat(e.code()).isEqualTo("too-many-pages");
    }

    private List<DocumentPage> decode(String name, byte[] content) {
        List<DocumentPage> pages = new ArrayList<>();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        decoder.decode(decoder.identify(name, extension, content), content, pages::add);
        return pages;
    }

    private RejectedItemException reject(String name, byte[] content) {
        return catchThrowableOfType(RejectedItemException.class, () -> decode(name, content));
    }

    private static byte[] zip() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
