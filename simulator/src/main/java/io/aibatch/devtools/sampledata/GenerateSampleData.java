package io.aibatch.devtools.sampledata;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Command line for {@link SampleDocumentGenerator}:
 * <pre>
 * GenerateSampleData --out DIR --seed N --count N [--fonts "DejaVu Sans,DejaVu Serif"]
 *                    [--max-skew 1.0] [--noise 0.002] [--dpi 300] [--formats png,jpeg,pdf-scanned,pdf-text]
 * </pre>
 * Unset options take the values of the committed sample set ({@link GeneratorOptions#sampleSet}).
 * The application's own CLI calls {@link SampleDocumentGenerator#generate(GeneratorOptions)} directly.
 */
public final class GenerateSampleData {

    private GenerateSampleData() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        GeneratorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: GenerateSampleData --out DIR --seed N --count N [--fonts \"A,B\"]"
                    + " [--max-skew DEG] [--noise P] [--dpi N] [--formats png,jpeg,pdf-scanned,pdf-text]");
            System.exit(2);
            return;
        }
        List<GeneratedDocument> documents = SampleDocumentGenerator.generate(options);
        long restricted =
                documents.stream().filter(GeneratedDocument::restricted).count();
        System.out.printf(
                "wrote %d documents (%d restricted) to %s%n",
                documents.size(), restricted, options.outputDir().toAbsolutePath());
    }

    static GeneratorOptions parse(String[] args) {
        Path out = null;
        Long seed = null;
        Integer count = null;
        GeneratorOptions defaults = GeneratorOptions.sampleSet(0, 1, Path.of("."));
        List<String> fonts = defaults.fontFamilies();
        double maxSkew = defaults.maxSkewDegrees();
        double noise = defaults.noiseLevel();
        int dpi = defaults.dpi();
        List<DocumentFormat> formats = defaults.formats();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--out" -> out = Path.of(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--count" -> count = Integer.parseInt(value);
                case "--fonts" -> fonts = splitList(value);
                case "--max-skew" -> maxSkew = Double.parseDouble(value);
                case "--noise" -> noise = Double.parseDouble(value);
                case "--dpi" -> dpi = Integer.parseInt(value);
                case "--formats" ->
                    formats =
                            splitList(value).stream().map(DocumentFormat::parse).toList();
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (out == null || seed == null || count == null) {
            throw new IllegalArgumentException("--out, --seed and --count are required");
        }
        return new GeneratorOptions(seed, count, fonts, maxSkew, noise, dpi, formats, out);
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
