package io.aibatch.devtools.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates a small set (low dpi to stay quick) and checks it against itself: bytes across runs,
 * files against labels.csv, PDF text layers against the ground truth.
 */
class SampleDocumentGeneratorTest {

    private static final int DPI = 72;

    @TempDir
    static Path tempDir;

    private static GeneratorOptions options;
    private static List<GeneratedDocument> documents;

    @BeforeAll
    static void generate() throws IOException {
        System.setProperty("java.awt.headless", "true");
        options = new GeneratorOptions(
                7,
                10,
                FontCatalog.SEEN_FAMILIES,
                1.0,
                0.004,
                DPI,
                List.of(DocumentFormat.values()),
                tempDir.resolve("first"));
        documents = SampleDocumentGenerator.generate(options);
    }

    @Test
    void sameOptionsGiveByteIdenticalFiles() throws IOException {
        Path second = tempDir.resolve("second");
        SampleDocumentGenerator.generate(options.withOutputDir(second));

        List<Path> firstFiles = relativeFiles(options.outputDir());
        assertThat(relativeFiles(second)).isEqualTo(firstFiles);
        assertThat(firstFiles).hasSizeGreaterThan(documents.size() * 2);
        for (Path file : firstFiles) {
            assertThat(Files.readAllBytes(second.resolve(file)))
                    .as(file.toString())
                    .isEqualTo(Files.readAllBytes(options.outputDir().resolve(file)));
        }
    }

    @Test
    void regeneratingIntoTheSameDirectoryReplacesEarlierOutput() throws IOException {
        Path dir = tempDir.resolve("reused");
        SampleDocumentGenerator.generate(options.withOutputDir(dir));
        GeneratorOptions fewer = new GeneratorOptions(8, 4, options.fontFamilies(), 0, 0, DPI, options.formats(), dir);
        SampleDocumentGenerator.generate(fewer);

        try (Stream<Path> files = Files.list(dir.resolve(SampleDocumentGenerator.DOCUMENTS_DIR))) {
            assertThat(files).hasSize(4);
        }
    }

    @Test
    void labelsListEveryDocumentAndEveryDocumentExists() throws IOException {
        List<String> lines = Files.readAllLines(truthDir().resolve(SampleDocumentGenerator.LABELS_FILE));
        assertThat(lines.get(0)).isEqualTo(LabelsCsv.HEADER);
        assertThat(lines).hasSize(documents.size() + 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            assertThat(fields).hasSize(9);
            Path file = options.outputDir().resolve(fields[0]);
            assertThat(file).isRegularFile();
            assertThat(fields[2]).isIn("yes", "no");
            assertThat(fields[2].equals("yes")).isEqualTo(!fields[3].isEmpty());
            String base = file.getFileName().toString().replaceFirst("\\.[a-z]+$", "");
            String truth = Files.readString(truthDir().resolve(base + ".txt"));
            long formFeeds =
                    truth.lines().filter(GroundTruth.PAGE_SEPARATOR::equals).count();
            assertThat(formFeeds + 1).as(base).isEqualTo(Long.parseLong(fields[5]));
        }
    }

    @Test
    void personalRecordsAreRestrictedByTheirLabel() {
        for (GeneratedDocument document : documents) {
            if (document.plan().category().restrictedByLabel()) {
                assertThat(document.restricted()).isTrue();
                assertThat(document.restrictedReason())
                        .startsWith("label:" + document.plan().category().label());
            }
        }
    }

    @Test
    void imagesAreA4AtTheRequestedResolution() throws IOException {
        for (GeneratedDocument document : documentsIn(DocumentFormat.PNG, DocumentFormat.JPEG)) {
            BufferedImage image =
                    ImageIO.read(options.outputDir().resolve(document.file()).toFile());
            assertThat(image.getWidth()).isEqualTo(Math.round(595.276f * DPI / 72));
            assertThat(image.getHeight()).isEqualTo(Math.round(841.89f * DPI / 72));
            assertThat(image.getRaster().getNumBands()).as("grayscale").isEqualTo(1);
        }
    }

    @Test
    void textPdfsCarryTheGroundTruthAsTheirTextLayer() throws IOException {
        for (GeneratedDocument document : documentsIn(DocumentFormat.TEXT_PDF)) {
            try (PDDocument pdf =
                    Loader.loadPDF(options.outputDir().resolve(document.file()).toFile())) {
                assertThat(pdf.getNumberOfPages()).isEqualTo(document.pages());
                assertThat(pdf.getDocumentInformation().getCreationDate()).isNull();
                String extracted = new PDFTextStripper().getText(pdf);
                String truth =
                        Files.readString(truthDir().resolve(document.plan().baseName() + ".txt"));
                assertThat(normalise(extracted)).isEqualTo(normalise(truth));
            }
        }
    }

    @Test
    void scannedPdfsHaveImagesButNoText() throws IOException {
        List<GeneratedDocument> scanned = documentsIn(DocumentFormat.SCANNED_PDF);
        assertThat(scanned).isNotEmpty();
        for (GeneratedDocument document : scanned) {
            try (PDDocument pdf =
                    Loader.loadPDF(options.outputDir().resolve(document.file()).toFile())) {
                assertThat(pdf.getNumberOfPages()).isEqualTo(document.pages());
                assertThat(new PDFTextStripper().getText(pdf).isBlank()).isTrue();
                assertThat(pdf.getPage(0).getResources().getXObjectNames()).hasSize(1);
            }
        }
    }

    @Test
    void somePdfsOfEachKindHaveTwoPages() {
        for (DocumentFormat format : List.of(DocumentFormat.SCANNED_PDF, DocumentFormat.TEXT_PDF)) {
            assertThat(documentsIn(format)).anyMatch(d -> d.pages() == 2);
        }
    }

    @Test
    void groundTruthIsPlainLinesWithoutBlankLines() throws IOException {
        for (GeneratedDocument document : documents) {
            String truth =
                    Files.readString(truthDir().resolve(document.plan().baseName() + ".txt"), StandardCharsets.UTF_8);
            assertThat(truth).endsWith("\n");
            assertThat(truth.lines()).noneMatch(line -> line.isBlank() && !line.equals(GroundTruth.PAGE_SEPARATOR));
            assertThat(document.words()).isBetween(120, 350);
        }
    }

    private static Path truthDir() {
        return options.outputDir().resolve(SampleDocumentGenerator.GROUND_TRUTH_DIR);
    }

    private static List<GeneratedDocument> documentsIn(DocumentFormat... formats) {
        return documents.stream()
                .filter(d -> Arrays.asList(formats).contains(d.plan().format()))
                .toList();
    }

    private static String normalise(String text) {
        return text.replace(GroundTruth.PAGE_SEPARATOR, " ")
                .replaceAll("\\s+", " ")
                .trim();
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        }
    }
}
