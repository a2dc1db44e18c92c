package io.aibatch.devtools.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerateSampleDataTest {

    @Test
    void requiredArgumentsWithSampleSetDefaults() {
        GeneratorOptions options =
                GenerateSampleData.parse(new String[] {"--out", "x", "--seed", "42", "--count", "36"});
        assertThat(options).isEqualTo(GeneratorOptions.sampleSet(42, 36, Path.of("x")));
    }

    @Test
    void everyOptionIsParsed() {
        GeneratorOptions options = GenerateSampleData.parse(new String[] {
            "--out",
            "y",
            "--seed",
            "7",
            "--count",
            "12",
            "--fonts",
            "DejaVu Sans Condensed, DejaVu Sans Light",
            "--max-skew",
            "1.5",
            "--noise",
            "0.004",
            "--dpi",
            "200",
            "--formats",
            "png,pdf-scanned"
        });
        assertThat(options.fontFamilies()).containsExactly("DejaVu Sans Condensed", "DejaVu Sans Light");
        assertThat(options.maxSkewDegrees()).isEqualTo(1.5);
        assertThat(options.noiseLevel()).isEqualTo(0.004);
        assertThat(options.dpi()).isEqualTo(200);
        assertThat(options.formats()).containsExactly(DocumentFormat.PNG, DocumentFormat.SCANNED_PDF);
        assertThat(options.count()).isEqualTo(12);
        assertThat(options.seed()).isEqualTo(7);
    }

    @Test
    void badArgumentsAreRejectedWithAReason() {
        assertThatThrownBy(() -> GenerateSampleData.parse(new String[] {"--seed"}))
                .hasMessageContaining("missing value");
        assertThatThrownBy(() -> GenerateSampleData.parse(new String[] {"--seed", "1", "--count", "2"}))
                .hasMessageContaining("required");
        assertThatThrownBy(() -> GenerateSampleData.parse(
                        new String[] {"--out", "x", "--seed", "1", "--count", "2", "--fonts", "Comic Sans"}))
                .hasMessageContaining("unknown font family");
        assertThatThrownBy(() -> GenerateSampleData.parse(new String[] {"--colour", "red"}))
                .hasMessageContaining("unknown option");
        assertThat(List.of(DocumentFormat.values()))
                .extracting(DocumentFormat::label)
                .allMatch(label -> DocumentFormat.parse(label.toUpperCase(java.util.Locale.ROOT)) != null);
    }
}
