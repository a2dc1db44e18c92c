package io.aibatch.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The committed sample data (sample-data/ at the repository root) and its ground truth. */
final class SampleData {

    static final Path ROOT = Path.of("..", "sample-data").toAbsolutePath().normalize();
    static final Path DOCUMENTS = ROOT.resolve("documents");
    static final Path GROUND_TRUTH = ROOT.resolve("ground-truth");
    static final Path BAD = ROOT.resolve("bad");

    private SampleData() {}

    /** The input files of a sample folder: not its dotfiles nor its README (documentation, which a run ignores). */
    static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().startsWith("README"))
                    .sorted()
                    .toList();
        }
    }

    /** Ground-truth text by document file name. */
    static Map<String, String> truthByDocument() throws IOException {
        Map<String, String> truth = new LinkedHashMap<>();
        for (Path document : files(DOCUMENTS)) {
            String name = document.getFileName().toString();
            Path text = GROUND_TRUTH.resolve(name.substring(0, name.lastIndexOf('.')) + ".txt");
            truth.put(name, Files.readString(text));
        }
        return truth;
    }
}
