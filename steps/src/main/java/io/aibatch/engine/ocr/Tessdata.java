package io.aibatch.engine.ocr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds the Tesseract language data. Tesseract crashes the whole JVM (SIGSEGV) when its data path is
 * wrong, so the path is always checked here before the engine sees it.
 */
public final class Tessdata {

    private static final String BUNDLED = "tessdata/";

    private Tessdata() {}

    /**
     * @param configured a directory holding {@code <language>.traineddata}, or null/blank to use the
     *                   English data bundled in the application, unpacked to {@code cacheDir}
     */
    public static Path resolve(String configured, String language, Path cacheDir) throws IOException {
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            check(dir, language, "aibatch.ocr.tesseract.datapath");
            return dir;
        }
        Path dir = cacheDir.resolve("aibatch-tessdata");
        Path file = dir.resolve(language + ".traineddata");
        String resource = BUNDLED + language + ".traineddata";
        try (InputStream in = Tessdata.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no bundled Tesseract data for language '" + language
                        + "'; set aibatch.ocr.tesseract.datapath to a directory holding " + language + ".traineddata");
            }
            byte[] data = in.readAllBytes();
            if (!Files.exists(file) || Files.size(file) != data.length) {
                Files.createDirectories(dir);
                // several processes may unpack at once: write privately, then move into place atomically
                Path temp = Files.createTempFile(dir, language, ".part");
                Files.write(temp, data);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        check(dir, language, "the unpacked bundled data");
        return dir;
    }

    private static void check(Path dir, String language, String origin) throws IOException {
        Path file = dir.resolve(language + ".traineddata");
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new IOException("Tesseract data " + file + " (from " + origin + ") is missing or empty");
        }
    }
}
