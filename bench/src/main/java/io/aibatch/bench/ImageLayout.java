package io.aibatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * The CLI laid out and started as the application image starts it (Dockerfile): Spring Boot's extracted jar (the
 * application jar with its dependencies beside it in lib/, not nested in one jar) and a class-data archive made by the
 * image's own training run (document-pipeline over a generated one-page PDF, enrichment off, embedded repository). A
 * run on a cluster starts this way; {@code java -jar} of the build's fat jar starts slower (nested-jar class loading,
 * no archive) and compiles more.
 */
final class ImageLayout {

    /**
     * The training PDF of the Dockerfile, byte for byte (its printf lines): one page with the text "Invoice 42".
     */
    private static final List<String> TRAINING_PDF = List.of(
            "%PDF-1.4",
            "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj",
            "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj",
            "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj",
            "4 0 obj<</Length 41>>stream",
            "BT /F1 24 Tf 72 700 Td (Invoice 42) Tj ET",
            "endstream endobj",
            "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj",
            "trailer<</Root 1 0 R>>",
            "%%EOF");

    private final Path appJar;
    private final Path archive;

    private ImageLayout(Path appJar, Path archive) {
        this.appJar = appJar;
        this.archive = archive;
    }

    /** Extracts {@code fatJar} into {@code dir}/app and makes its class-data archive as the image build does. */
    static ImageLayout prepare(Path fatJar, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path extracted = dir.resolve("extracted");
        run(
                dir.resolve("extract.log"),
                Map.of(),
                java(
                        "-Djarmode=tools",
                        "-jar",
                        fatJar.toString(),
                        "extract",
                        "--layers",
                        "--destination",
                        extracted.toString()));
        // the image copies each layer into /app: the application jar and lib/ side by side
        Path app = Files.createDirectories(dir.resolve("app"));
        try (Stream<Path> layers = Files.list(extracted)) {
            for (Path layer : layers.toList()) {
                FileSystemUtils.copyRecursively(layer, app);
            }
        }
        Path appJar = app.resolve("aibatch.jar");
        Path archive = app.resolve("aibatch.jsa");
        Path training = Files.createDirectories(dir.resolve("cds"));
        Path in = Files.createDirectories(training.resolve("in"));
        Files.write(in.resolve("training.pdf"), TRAINING_PDF, StandardCharsets.US_ASCII);
        run(
                dir.resolve("cds-training.log"),
                Map.of("AIBATCH_DOCUMENT_ENRICHMENT", "false"),
                java(
                        "-XX:ArchiveClassesAtExit=" + archive,
                        "-Duser.home=" + training,
                        "-Djava.io.tmpdir=" + training,
                        "-Dorg.bytedeco.javacpp.cachedir=" + training.resolve("javacpp"),
                        "-jar",
                        appJar.toString(),
                        "run",
                        "document-pipeline",
                        "--input",
                        in.toString(),
                        "--output",
                        training.resolve("out").toString(),
                        "--work-dir",
                        training.resolve("wd").toString()));
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException(
                    "the class-data training run made no archive; see " + dir.resolve("cds-training.log"));
        }
        return new ImageLayout(appJar, archive);
    }

    /** The image's java options that matter for a run's speed, then {@code -jar} and the application jar. */
    List<String> launch() {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-jar", appJar.toString());
    }

    private static List<String> java(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private static void run(Path log, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("did not end within 5 minutes: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "exited " + process.exitValue() + ": " + String.join(" ", command) + "; see " + log);
        }
    }
}
