package io.aibatch.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devtools entry point answers its two commands; the production CLI no longer carries them. */
class DevToolsTest {

    @Test
    void helpListsSimulateAndGenerateSamples() {
        String printed = captured(() -> assertThat(DevTools.execute("--help")).isZero());
        assertThat(printed).startsWith("Usage: aibatch-devtools").contains("simulate", "generate-samples");
    }

    @Test
    void generateSamplesWritesDocumentsWithGroundTruth(@TempDir Path out) throws Exception {
        String printed =
                captured(() -> assertThat(DevTools.execute("generate-samples", "--out", out.toString(), "--count", "3"))
                        .isZero());
        assertThat(printed).contains("wrote 3 documents");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).isNotEmpty();
        }
    }

    private static String captured(Runnable action) {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
