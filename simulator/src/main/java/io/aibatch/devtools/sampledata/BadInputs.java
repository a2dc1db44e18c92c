package io.aibatch.devtools.sampledata;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes bad/: inputs a pipeline must reject or skip cleanly, each broken in one specific way.
 * Every file is derived from fixed bytes or a seeded Random, so it is as reproducible as the rest.
 */
final class BadInputs {

    static final int HUGE_SIDE = 30_000;
    private static final int HUGE_BORDER = 40;

    /** File name and why it is bad; also the content of bad/README.md. */
    static final List<String[]> FILES = List.of(
            new String[] {"empty.pdf", "0 bytes. Named like a PDF but has no content at all."},
            new String[] {
                "truncated.png",
                "A valid grayscale PNG cut in half: the IDAT data stops early and there is no IEND chunk."
            },
            new String[] {
                "truncated.jpg",
                "A valid JPEG cut at 60%: the scan data stops early and there is no EOI marker. Lenient decoders may return a partly grey image with a warning instead of failing."
            },
            new String[] {"not-a-pdf.pdf", "A plain UTF-8 text file with a .pdf name; it has no %PDF- header."},
            new String[] {
                "corrupt.pdf",
                "Starts with a %PDF-1.7 header, then random bytes: no objects, no xref table, no trailer, so there is no document catalog to find."
            },
            new String[] {
                "huge-image.png",
                "A valid 30000 x 30000 pixel 1-bit PNG (900 million pixels). Small on disk, but decoding it into an ordinary RGB image needs about 2.7 GB, so it must be refused by its header before it is decoded."
            },
            new String[] {
                "unsupported.docx",
                "A real (minimal) Word document: a zip with [Content_Types].xml. Well formed, but not a format the pipeline accepts."
            });

    private BadInputs() {}

    static void writeAll(Path dir, long seed, int dpi, Font font) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed ^ 0x5DEECE66DL);
        BufferedImage sample = sampleImage(font, dpi);

        Files.write(dir.resolve("empty.pdf"), new byte[0]);
        byte[] png = ImageFiles.png(sample);
        Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        byte[] jpeg = ImageFiles.jpeg(sample);
        Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(jpeg, (int) (jpeg.length * 0.6)));
        Files.writeString(
                dir.resolve("not-a-pdf.pdf"),
                "This is a plain text file with a .pdf extension.\nIt has no PDF header, objects or trailer.\n",
                StandardCharsets.UTF_8);
        Files.write(dir.resolve("corrupt.pdf"), corruptPdf(random));
        try (OutputStream out = Files.newOutputStream(dir.resolve("huge-image.png"))) {
            StreamingPng.writeBilevel(out, HUGE_SIDE, HUGE_SIDE, BadInputs::hugeRow);
        }
        Files.write(dir.resolve("unsupported.docx"), minimalDocx());
        Files.writeString(dir.resolve("README.md"), readme(), StandardCharsets.UTF_8);
    }

    /** A white page with a black frame: white rows are all ones, frame rows all zeros. */
    private static void hugeRow(int y, byte[] row) {
        boolean frameRow = y < HUGE_BORDER || y >= HUGE_SIDE - HUGE_BORDER;
        Arrays.fill(row, frameRow ? (byte) 0 : (byte) 0xff);
        if (!frameRow) {
            for (int x = 0; x < HUGE_BORDER; x++) {
                clearBit(row, x);
                clearBit(row, HUGE_SIDE - 1 - x);
            }
        }
    }

    private static void clearBit(byte[] row, int x) {
        row[x / 8] &= (byte) ~(0x80 >>> (x % 8));
    }

    /** A page with two lines of real text, so the truncated files really are the start of valid images. */
    private static BufferedImage sampleImage(Font font, int dpi) {
        List<PageLayout.TextLine> lines = List.of(
                new PageLayout.TextLine("This image file was cut short on purpose.", PageLayout.MARGIN, 120, 14),
                new PageLayout.TextLine("Everything after the cut is missing.", PageLayout.MARGIN, 150, 12));
        return new PageRasterizer(font, dpi).render(new PageLayout.Page(lines), 0);
    }

    private static byte[] corruptPdf(Random random) {
        byte[] header = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] garbage = new byte[4096];
        random.nextBytes(garbage);
        // Drop every letter so the noise can never spell "obj", "xref" or "trailer" by chance.
        for (int i = 0; i < garbage.length; i++) {
            if (Character.isLetter((char) (garbage[i] & 0x7f))) {
                garbage[i] = (byte) '#';
            }
        }
        byte[] file = Arrays.copyOf(header, header.length + garbage.length);
        System.arraycopy(garbage, 0, file, header.length, garbage.length);
        return file;
    }

    private static byte[] minimalDocx() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(
                    zip,
                    "[Content_Types].xml",
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                      <Default Extension="xml" ContentType="application/xml"/>
                      <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                    </Types>
                    """);
            entry(
                    zip,
                    "_rels/.rels",
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                      <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                    </Relationships>
                    """);
            entry(
                    zip,
                    "word/document.xml",
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
                      <w:body><w:p><w:r><w:t>This Word document is not a supported input.</w:t></w:r></w:p></w:body>
                    </w:document>
                    """);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        // setTimeLocal writes the DOS time as given; setTime would shift it by the local time zone.
        entry.setTimeLocal(LocalDateTime.of(2024, 1, 1, 0, 0));
        zip.putNextEntry(entry);
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String readme() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Bad inputs\n\n");
        sb.append("Files a document pipeline must reject or skip with a clear reason, without crashing,\n");
        sb.append("hanging or running out of memory. Written by `SampleDocumentGenerator` with the documents.\n\n");
        sb.append("| file | why it is bad |\n| --- | --- |\n");
        for (String[] file : FILES) {
            sb.append("| `").append(file[0]).append("` | ").append(file[1]).append(" |\n");
        }
        return sb.toString();
    }
}
