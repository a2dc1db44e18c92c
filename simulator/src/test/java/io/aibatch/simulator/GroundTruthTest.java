package io.aibatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.simulator.config.GroundTruthConfig;
import io.aibatch.simulator.config.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class GroundTruthTest {

    @TempDir
    static Path dir;

    static Simulator sim;
    static SimClient client;
    static final byte[] LETTER = TestDocuments.pdf(2, "letter");
    static final byte[] SCAN = TestDocuments.png(900, 1200, 42);
    static final byte[] SPEECH = TestDocuments.wav(3, 7);

    @BeforeAll
    static void start() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("documents"));
        Path texts = Files.createDirectories(dir.resolve("texts"));
        Path audio = Files.createDirectories(dir.resolve("audio"));
        Files.write(docs.resolve("letter.pdf"), LETTER);
        Files.writeString(
                texts.resolve("letter.txt"),
                "Dear customer,\nYour invoice 4711 is attached.\n\n\f\nPage two starts here.\nKind regards\n");
        Files.write(docs.resolve("scan.png"), SCAN);
        Files.writeString(texts.resolve("scan.txt"), "Receipt\nTotal 12.50 EUR\n");
        Files.write(audio.resolve("hello.wav"), SPEECH);
        Files.writeString(audio.resolve("hello.txt"), "Hello and welcome to the quarterly call.\n");
        sim = Simulator.start(SimulatorConfig.defaults()
                .withGroundTruth(new GroundTruthConfig(docs, texts, audio))
                .withBackend(Backend.READ, b -> b.withServiceTime(1, 1).withJitterSigma(0))
                .withBackend(Backend.DOC_INTEL, b -> b.withServiceTime(1, 1).withJitterSigma(0))
                .withBackend(Backend.TRANSCRIPTION, b -> b.withServiceTime(1, 1).withJitterSigma(0)));
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
    }

    private static List<List<String>> readLines(byte[] doc) throws Exception {
        HttpResponse<String> r = client.postBytes("/vision/v3.2/read/syncAnalyze", "application/octet-stream", doc);
        assertThat(r.statusCode()).isEqualTo(200);
        List<List<String>> pages = new ArrayList<>();
        for (JsonNode page : SimClient.json(r).get("analyzeResult").get("readResults")) {
            List<String> lines = new ArrayList<>();
            page.get("lines").forEach(l -> lines.add(l.get("text").asString()));
            pages.add(lines);
        }
        return pages;
    }

    @Test
    void knownDocumentsReadAsTheirGroundTruthByContentHash() throws Exception {
        assertThat(readLines(LETTER))
                .containsExactly(
                        List.of("Dear customer,", "Your invoice 4711 is attached."),
                        List.of("Page two starts here.", "Kind regards"));
        assertThat(readLines(SCAN)).containsExactly(List.of("Receipt", "Total 12.50 EUR"));
    }

    @Test
    void documentIntelligenceContentIsTheGroundTruth() throws Exception {
        HttpResponse<String> post = client.postBytes(
                "/formrecognizer/documentModels/prebuilt-read:analyze?api-version=2023-07-31",
                "application/pdf",
                LETTER);
        String location = post.headers().firstValue("Operation-Location").orElseThrow();
        JsonNode op;
        do {
            Thread.sleep(10);
            op = SimClient.json(client.get(location));
        } while (!op.get("status").asString().equals("succeeded"));
        assertThat(op.get("analyzeResult").get("content").asString())
                .isEqualTo("Dear customer,\nYour invoice 4711 is attached.\nPage two starts here.\nKind regards");
        assertThat(op.get("analyzeResult").get("paragraphs")).hasSize(2);
    }

    @Test
    void unknownDocumentsGetDeterministicTextPerContent() throws Exception {
        byte[] a = TestDocuments.pdf(3, "unknown-a");
        byte[] b = TestDocuments.pdf(3, "unknown-b");
        List<List<String>> first = readLines(a);
        assertThat(first).hasSize(3);
        assertThat(first.get(0)).hasSizeGreaterThan(10);
        assertThat(readLines(a)).isEqualTo(first);
        assertThat(readLines(b)).isNotEqualTo(first);
        assertThat(first.get(0)).isNotEqualTo(first.get(1)); // pages differ too
    }

    @Test
    void knownAudioTranscribesAsItsTranscript() throws Exception {
        String boundary = "b0undary";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> fields = new LinkedHashMap<>(Map.of("model", "whisper-1", "response_format", "json"));
        for (var f : fields.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                            + f.getValue() + "\r\n")
                    .getBytes());
        }
        out.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.wav\"\r\n\r\n")
                        .getBytes());
        out.writeBytes(SPEECH);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes());
        HttpResponse<String> r = client.postBytes(
                "/v1/audio/transcriptions", "multipart/form-data; boundary=" + boundary, out.toByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(r).get("text").asString()).isEqualTo("Hello and welcome to the quarterly call.");
    }
}
