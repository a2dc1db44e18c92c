package io.aibatch.simulator.content;

import io.aibatch.simulator.config.GroundTruthConfig;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Known sample inputs, indexed by the SHA-256 of their bytes, with their true text. Loaded once at start so that
 * answering never touches the disk.
 */
public final class GroundTruthStore {

    private static final Logger LOG = LoggerFactory.getLogger(GroundTruthStore.class);

    private final Map<String, List<String>> documentPages;
    private final Map<String, String> audioTexts;
    private final List<KnownAudio> knownAudio;

    /**
     * Known audio as 16 kHz mono 16-bit samples with its transcript: what the Speech WebSocket recognises, since
     * it receives samples in pieces (and, after a reconnect, from the middle of a file), never a whole file to hash.
     */
    public record KnownAudio(String name, short[] samples, String transcript) {}

    private GroundTruthStore(
            Map<String, List<String>> documentPages, Map<String, String> audioTexts, List<KnownAudio> knownAudio) {
        this.documentPages = Map.copyOf(documentPages);
        this.audioTexts = Map.copyOf(audioTexts);
        this.knownAudio = List.copyOf(knownAudio);
    }

    public static GroundTruthStore empty() {
        return new GroundTruthStore(Map.of(), Map.of(), List.of());
    }

    public static GroundTruthStore load(GroundTruthConfig config) {
        Map<String, List<String>> docs = new HashMap<>();
        Map<String, String> audio = new HashMap<>();
        List<KnownAudio> known = new ArrayList<>();
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
                Path transcripts = config.audioTranscripts() != null ? config.audioTranscripts() : config.audio();
                Path text = transcripts.resolve(baseName(wav) + ".txt");
                if (Files.isRegularFile(text)) {
                    byte[] bytes = read(wav);
                    String transcript = readString(text).strip();
                    audio.put(ContentHash.sha256Hex(bytes), transcript);
                    short[] samples = pcm16kMono(bytes);
                    if (samples != null) {
                        known.add(new KnownAudio(baseName(wav), samples, transcript));
                    } else {
                        LOG.warn(
                                "ground truth: {} is not 16 kHz mono 16-bit PCM; the Speech WebSocket will not recognise it",
                                wav);
                    }
                } else {
                    LOG.warn("ground truth: no transcript {} for audio {}", text, wav);
                }
            }
        }
        return new GroundTruthStore(docs, audio, known);
    }

    /** The samples of a 16 kHz mono 16-bit PCM WAV file, or null for any other format. */
    static short[] pcm16kMono(byte[] wav) {
        io.aibatch.simulator.audio.WavInfo info;
        try {
            info = io.aibatch.simulator.audio.WavInfo.parse(wav);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (info.channels() != 1 || info.sampleRate() != 16_000 || info.bitsPerSample() != 16) {
            return null;
        }
        int samples = (int) Math.round(info.durationSeconds() * 16_000);
        int dataStart = io.aibatch.simulator.audio.WavInfo.dataOffset(wav);
        samples = Math.min(samples, (wav.length - dataStart) / 2);
        short[] out = new short[samples];
        java.nio.ByteBuffer.wrap(wav, dataStart, samples * 2)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer()
                .get(out);
        return out;
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

    public List<KnownAudio> knownAudio() {
        return knownAudio;
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
