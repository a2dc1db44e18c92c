package io.aibatch.simulator.content;

import io.aibatch.simulator.config.GroundTruthConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Known sample inputs, indexed by the SHA-256 of their bytes, with their true text. Loaded once at start so that
 * answering never touches the disk.
 */
public final class GroundTruthStore {

    private static final Logger LOG = LoggerFactory.getLogger(GroundTruthStore.class);

    private final Map<String, List<String>> documentPages;
    private final Map<String, String> audioTexts;

    private GroundTruthStore(Map<String, List<String>> documentPages, Map<String, String> audioTexts) {
        this.documentPages = Map.copyOf(documentPages);
        this.audioTexts = Map.copyOf(audioTexts);
    }

    public static GroundTruthStore empty() {
        return new GroundTruthStore(Map.of(), Map.of());
    }

    public static GroundTruthStore load(GroundTruthConfig config) {
        Map<String, List<String>> docs = new HashMap<>();
        Map<String, String> audio = new HashMap<>();
        if (config.documents() != null) {
            Path texts = config.texts() != null ? config.texts() : config.documents();
            for (Path doc : files(config.documents())) {
                String base = baseName(doc);
                if (doc.getFileName().toString().endsWith(".txt")) {
                    continue; // texts may live beside the documents
                }
                Path text = texts.resolve(base + ".txt");
                if (!Files.isRegularFile(text)) {
                    LOG.warn("ground truth: no text {} for document {}", text, doc);
                    continue;
                }
                docs.put(ContentHash.sha256Hex(read(doc)), splitPages(readString(text)));
            }
        }
        if (config.audio() != null) {
            for (Path wav : files(config.audio())) {
                if (!wav.getFileName().toString().toLowerCase().endsWith(".wav")) {
                    continue;
                }
                Path text = wav.resolveSibling(baseName(wav) + ".txt");
                if (Files.isRegularFile(text)) {
                    audio.put(ContentHash.sha256Hex(read(wav)), readString(text).strip());
                } else {
                    LOG.warn("ground truth: no transcript {} for audio {}", text, wav);
                }
            }
        }
        return new GroundTruthStore(docs, audio);
    }

    /** Pages of a known document, each a list of text lines. */
    public Optional<List<String>> documentPages(String sha256Hex) {
        return Optional.ofNullable(documentPages.get(sha256Hex));
    }

    public Optional<String> audioText(String sha256Hex) {
        return Optional.ofNullable(audioTexts.get(sha256Hex));
    }

    public int documentCount() {
        return documentPages.size();
    }

    public int audioCount() {
        return audioTexts.size();
    }

    /** Pages are separated by a line holding only a form feed (what pdftotext writes between pages). */
    static List<String> splitPages(String text) {
        List<String> pages = new ArrayList<>();
        StringBuilder page = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.equals("\f")) {
                pages.add(page.toString());
                page.setLength(0);
            } else if (line.startsWith("\f")) {
                // pdftotext also glues the form feed to the next page's first line
                pages.add(page.toString());
                page.setLength(0);
                page.append(line.substring(1)).append('\n');
            } else {
                page.append(line).append('\n');
            }
        }
        String last = page.toString();
        if (!last.isBlank() || pages.isEmpty()) {
            pages.add(last);
        }
        pages.replaceAll(p -> p.endsWith("\n") ? p.substring(0, p.length() - 1) : p);
        return List.copyOf(pages);
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("ground truth directory does not exist: " + dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path p) {
        return new String(read(p), StandardCharsets.UTF_8);
    }
}
