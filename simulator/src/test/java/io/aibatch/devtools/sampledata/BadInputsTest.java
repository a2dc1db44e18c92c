package io.aibatch.devtools.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input must be broken in exactly the way bad/README.md says. */
class BadInputsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void write() throws IOException {
        System.setProperty("java.awt.headless", "true");
        FontCatalog fonts = new FontCatalog(FontCatalog.DEFAULT_DIRECTORY);
        BadInputs.writeAll(dir, 42, 100, fonts.awtFont("DejaVu Sans"));
    }

    @Test
    void everyListedFileExistsAndTheReadmeNamesIt() throws IOException {
        String readme = Files.readString(dir.resolve("README.md"));
        for (String[] file : BadInputs.FILES) {
            assertThat(dir.resolve(file[0])).exists();
            assertThat(readme).contains("`" + file[0] + "`");
        }
    }

    @Test
    void pdfBoxRejectsEveryBrokenPdf() {
        for (String name : List.of("empty.pdf", "not-a-pdf.pdf", "corrupt.pdf")) {
            assertThatThrownBy(() -> Loader.loadPDF(dir.resolve(name).toFile()).close())
                    .as(name)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void emptyIsEmptyAndCorruptStillLooksLikeAPdf() throws IOException {
        assertThat(Files.size(dir.resolve("empty.pdf"))).isZero();
        assertThat(new String(Files.readAllBytes(dir.resolve("corrupt.pdf")), 0, 5, "US-ASCII"))
                .isEqualTo("%PDF-");
        assertThat(Files.readString(dir.resolve("not-a-pdf.pdf"))).doesNotContain("%PDF");
    }

    @Test
    void truncatedPngCannotBeDecoded() {
        assertThatThrownBy(() -> ImageIO.read(dir.resolve("truncated.png").toFile()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void truncatedJpegStartsLikeAJpegButHasNoEndMarker() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("truncated.jpg"));
        assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xFF, 0xD8);
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 2, bytes.length))
                .isNotEqualTo(new byte[] {(byte) 0xFF, (byte) 0xD9});
    }

    @Test
    void hugeImageHasAValidHeaderWithHugeDimensionsButASmallFile() throws IOException {
        Path huge = dir.resolve("huge-image.png");
        assertThat(Files.size(huge)).isLessThan(1_000_000);
        try (ImageInputStream in = ImageIO.createImageInputStream(huge.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getFormatName()).isEqualToIgnoringCase("png");
            // Reading only the header: decoding the pixels is exactly what a pipeline must not do.
            assertThat(reader.getWidth(0)).isEqualTo(BadInputs.HUGE_SIDE);
            assertThat(reader.getHeight(0)).isEqualTo(BadInputs.HUGE_SIDE);
            reader.dispose();
        }
    }

    @Test
    void streamingPngWriterProducesAnImageImageIoDecodesExactly() throws IOException {
        Path small = dir.resolve("small-bilevel.png");
        try (var out = Files.newOutputStream(small)) {
            // A checkerboard of 1-pixel squares, 13 wide so the last byte of a row is partly padding.
            StreamingPng.writeBilevel(out, 13, 5, (y, row) -> {
                Arrays.fill(row, (byte) 0);
                for (int x = 0; x < 13; x++) {
                    if ((x + y) % 2 == 0) {
                        row[x / 8] |= (byte) (0x80 >>> (x % 8));
                    }
                }
            });
        }
        var image = ImageIO.read(small.toFile());
        assertThat(image.getWidth()).isEqualTo(13);
        assertThat(image.getHeight()).isEqualTo(5);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 13; x++) {
                int gray = image.getRGB(x, y) & 0xff;
                assertThat(gray).as("pixel %d,%d", x, y).isEqualTo((x + y) % 2 == 0 ? 255 : 0);
            }
        }
    }

    @Test
    void docxIsAZipWithContentTypes() throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(dir.resolve("unsupported.docx"));
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).contains("[Content_Types].xml", "word/document.xml");
    }
}
