package io.aibatch.devtools.sampledata;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything that decides what the generator writes. Equal options give byte-identical files.
 *
 * @param seed           drives every random choice: content, fonts, formats, skew, noise
 * @param count          number of documents (the bad inputs come on top)
 * @param fontFamilies   families to draw from, names as in {@link FontCatalog}
 * @param maxSkewDegrees image pages are rotated by a random angle within plus or minus this
 * @param noiseLevel     probability that a pixel of an image page becomes a speck
 * @param dpi            resolution of image pages; the text PDF is resolution-free
 * @param formats        formats to use, dealt out in equal shares (repeat one to weight it)
 * @param outputDir      where documents/, ground-truth/ and bad/ are written
 */
public record GeneratorOptions(
        long seed,
        int count,
        List<String> fontFamilies,
        double maxSkewDegrees,
        double noiseLevel,
        int dpi,
        List<DocumentFormat> formats,
        Path outputDir) {

    public static final double DEFAULT_MAX_SKEW = 1.0;
    public static final double DEFAULT_NOISE = 0.002;
    public static final int DEFAULT_DPI = 300;

    public GeneratorOptions {
        Objects.requireNonNull(outputDir, "outputDir");
        fontFamilies = List.copyOf(fontFamilies);
        formats = List.copyOf(formats);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        if (fontFamilies.isEmpty()) {
            throw new IllegalArgumentException("at least one font family is needed");
        }
        for (String family : fontFamilies) {
            if (!FontCatalog.isKnown(family)) {
                throw new IllegalArgumentException(
                        "unknown font family '" + family + "', expected one of " + FontCatalog.knownFamilies());
            }
        }
        if (maxSkewDegrees < 0 || maxSkewDegrees > 5) {
            throw new IllegalArgumentException("max skew must be within 0..5 degrees, was " + maxSkewDegrees);
        }
        // Beyond a few percent the specks stop looking like dust and start hurting OCR.
        if (noiseLevel < 0 || noiseLevel > 0.05) {
            throw new IllegalArgumentException("noise level must be within 0..0.05, was " + noiseLevel);
        }
        if (dpi < 50 || dpi > 600) {
            throw new IllegalArgumentException("dpi must be within 50..600, was " + dpi);
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one format is needed");
        }
    }

    /** The committed sample set: sample-data/ is exactly this with seed 42 and 36 documents. */
    public static GeneratorOptions sampleSet(long seed, int count, Path outputDir) {
        return new GeneratorOptions(
                seed,
                count,
                FontCatalog.SEEN_FAMILIES,
                DEFAULT_MAX_SKEW,
                DEFAULT_NOISE,
                DEFAULT_DPI,
                List.of(DocumentFormat.values()),
                outputDir);
    }

    /**
     * Documents an OCR engine has never been tuned on: fonts kept out of the committed set, more
     * skew and more specks. Use a seed other than 42 so the content differs too.
     */
    public static GeneratorOptions unseenOcrSet(long seed, int count, Path outputDir) {
        return new GeneratorOptions(
                seed,
                count,
                FontCatalog.UNSEEN_FAMILIES,
                1.5,
                0.003,
                DEFAULT_DPI,
                List.of(DocumentFormat.PNG, DocumentFormat.JPEG, DocumentFormat.SCANNED_PDF),
                outputDir);
    }

    public GeneratorOptions withOutputDir(Path dir) {
        return new GeneratorOptions(seed, count, fontFamilies, maxSkewDegrees, noiseLevel, dpi, formats, dir);
    }
}
