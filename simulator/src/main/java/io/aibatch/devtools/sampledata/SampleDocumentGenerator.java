package io.aibatch.devtools.sampledata;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes a deterministic set of synthetic documents with their ground truth and labels, plus a
 * folder of bad inputs. Every random choice comes from the seed in {@link GeneratorOptions} and
 * nothing reads the clock, so the same options give byte-identical files on the same JDK.
 *
 * <p>Layout of the output directory:
 * <pre>
 * documents/&lt;category&gt;-&lt;nn&gt;.&lt;png|jpg|pdf&gt;
 * ground-truth/&lt;category&gt;-&lt;nn&gt;.txt   text as rendered, pages separated by a form-feed line
 * ground-truth/labels.csv
 * bad/                                 broken inputs and a README saying how each is broken
 * </pre>
 */
public final class SampleDocumentGenerator {

    public static final String DOCUMENTS_DIR = "documents";
    public static final String GROUND_TRUTH_DIR = "ground-truth";
    public static final String BAD_DIR = "bad";
    public static final String LABELS_FILE = "labels.csv";

    /** Keeps the noise stream apart from the content stream of the same document. */
    private static final long NOISE_SALT = 0x6E6F697365L;

    private final GeneratorOptions options;
    private final FontCatalog fonts;

    public SampleDocumentGenerator(GeneratorOptions options) {
        this(options, new FontCatalog(FontCatalog.DEFAULT_DIRECTORY));
    }

    public SampleDocumentGenerator(GeneratorOptions options, FontCatalog fonts) {
        this.options = options;
        this.fonts = fonts;
    }

    /** Entry point for callers such as the application's CLI. */
    public static List<GeneratedDocument> generate(GeneratorOptions options) throws IOException {
        return new SampleDocumentGenerator(options).generate();
    }

    public List<GeneratedDocument> generate() throws IOException {
        Path documentsDir = cleanDirectory(options.outputDir().resolve(DOCUMENTS_DIR));
        Path truthDir = cleanDirectory(options.outputDir().resolve(GROUND_TRUTH_DIR));
        Path badDir = cleanDirectory(options.outputDir().resolve(BAD_DIR));

        List<GeneratedDocument> documents = new ArrayList<>();
        for (DocumentPlan plan : DocumentPlanner.plan(options)) {
            documents.add(writeDocument(plan, documentsDir, truthDir));
        }
        // Rows in file-name order, so the CSV reads like a directory listing.
        documents.sort(Comparator.comparing(GeneratedDocument::file));
        LabelsCsv.write(documents, truthDir.resolve(LABELS_FILE));
        BadInputs.writeAll(badDir, options.seed(), options.dpi(), fonts.awtFont(FontCatalog.SEEN_FAMILIES.get(0)));
        return documents;
    }

    private GeneratedDocument writeDocument(DocumentPlan plan, Path documentsDir, Path truthDir) throws IOException {
        DocumentContent content =
                ContentTemplate.forCategory(plan.category()).write(new FakeDetails(new Random(plan.seed())));
        Font font = fonts.awtFont(plan.fontFamily());
        PageLayout.Layout layout = new PageLayout(font).layout(content, plan.bodySize(), plan.pages());
        Path file = documentsDir.resolve(plan.fileName());
        String title = content.title().isEmpty() ? plan.category().label() : content.title();

        switch (plan.format()) {
            case PNG -> ImageFiles.writePng(scan(layout.pages(), font, plan).get(0), file);
            case JPEG -> ImageFiles.writeJpeg(scan(layout.pages(), font, plan).get(0), file);
            case SCANNED_PDF -> PdfFiles.writeScannedPdf(scan(layout.pages(), font, plan), title, file);
            case TEXT_PDF -> PdfFiles.writeTextPdf(layout.pages(), fonts.fileFor(plan.fontFamily()), title, file);
        }
        String truth = GroundTruth.text(layout.pages());
        Files.writeString(truthDir.resolve(plan.baseName() + ".txt"), truth, StandardCharsets.UTF_8);
        return new GeneratedDocument(plan, layout.pages().size(), content.identifiers(), GroundTruth.wordCount(truth));
    }

    /** Renders each page as a skewed, speckled scan. */
    private List<BufferedImage> scan(List<PageLayout.Page> pages, Font font, DocumentPlan plan) {
        PageRasterizer rasterizer = new PageRasterizer(font, options.dpi());
        List<BufferedImage> images = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            BufferedImage image = rasterizer.render(pages.get(p), plan.skewDegrees());
            ScanNoise.apply(image, options.noiseLevel(), new Random(plan.seed() ^ NOISE_SALT ^ p));
            images.add(image);
        }
        return images;
    }

    /**
     * Creates the directory, or empties it of files if it exists: these folders belong to the
     * generator, and stale documents from an earlier, larger run would not match labels.csv.
     */
    private static Path cleanDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.filter(Files::isRegularFile).toList()) {
                Files.delete(entry);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return dir;
    }
}
