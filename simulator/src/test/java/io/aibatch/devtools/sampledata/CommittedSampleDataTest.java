package io.aibatch.devtools.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample-data/ must be what the generator writes today for seed 42, count 36.
 * Text and labels do not depend on resolution, so a 72 dpi run is enough to compare them; image
 * bytes are not compared because another JDK build may anti-alias glyph edges differently.
 */
class CommittedSampleDataTest {

    /** Surefire runs in the module directory, steps/. */
    private static final Path COMMITTED = Path.of("..", "sample-data");

    @Test
    void groundTruthLabelsAndFileNamesMatchAFreshRun(@TempDir Path dir) throws IOException {
        assumeTrue(
                Files.isDirectory(COMMITTED.resolve(SampleDocumentGenerator.GROUND_TRUTH_DIR)),
                "sample-data/ is not next to this module");
        GeneratorOptions committed = GeneratorOptions.sampleSet(42, 36, dir);
        GeneratorOptions lowResolution = new GeneratorOptions(
                committed.seed(),
                committed.count(),
                committed.fontFamilies(),
                committed.maxSkewDegrees(),
                committed.noiseLevel(),
                72,
                committed.formats(),
                dir);
        SampleDocumentGenerator.generate(lowResolution);

        for (String sub : List.of(
                SampleDocumentGenerator.DOCUMENTS_DIR,
                SampleDocumentGenerator.GROUND_TRUTH_DIR,
                SampleDocumentGenerator.BAD_DIR)) {
            assertThat(names(COMMITTED.resolve(sub))).as(sub).isEqualTo(names(dir.resolve(sub)));
        }
        for (String name : names(dir.resolve(SampleDocumentGenerator.GROUND_TRUTH_DIR))) {
            assertThat(Files.readString(COMMITTED
                            .resolve(SampleDocumentGenerator.GROUND_TRUTH_DIR)
                            .resolve(name)))
                    .as(name)
                    .isEqualTo(Files.readString(dir.resolve(SampleDocumentGenerator.GROUND_TRUTH_DIR)
                            .resolve(name)));
        }
    }

    @Test
    void committedSetStaysSmall() throws IOException {
        assumeTrue(Files.isDirectory(COMMITTED), "sample-data/ is not next to this module");
        long bytes;
        try (Stream<Path> files = Files.walk(COMMITTED)) {
            bytes = files.filter(Files::isRegularFile)
                    .mapToLong(CommittedSampleDataTest::size)
                    .sum();
        }
        assertThat(bytes).isLessThan(25L * 1024 * 1024);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
