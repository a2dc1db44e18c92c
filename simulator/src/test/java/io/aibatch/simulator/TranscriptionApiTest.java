package io.aibatch.simulator;

import static io.aibatch.simulator.SpecSchemas.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.simulator.config.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TranscriptionApiTest {

    private static Simulator sim;
    private static SimClient client;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults()
                .withBackend(Backend.TRANSCRIPTION, b -> b.withServiceTime(5, 1).withJitterSigma(0)));
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
    }

    /** multipart/form-data body as an HTTP client library would write it. */
    static HttpRequest multipart(SimClient client, byte[] audio, Map<String, String> fields) {
        String boundary = "----sim" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                            + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                        + "Content-Type: audio/wav\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(audio);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.request("/v1/audio/transcriptions")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .build();
    }

    private static Map<String, String> fields(String format) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("model", "whisper-1");
        f.put("language", "en");
        f.put("response_format", format);
        return f;
    }

    @Test
    void jsonHasTextOfAboutTwoAndAHalfWordsPerSecond() throws Exception {
        HttpResponse<String> r = client.send(multipart(client, TestDocuments.wav(8, 1), fields("json")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertValid(SpecSchemas.openAi("CreateTranscriptionResponseJson"), r.body());
        assertThat(SimClient.json(r).get("text").asString().split(" ")).hasSize(20);
        assertThat(sim.stats(Backend.TRANSCRIPTION).unitsProcessed()).isGreaterThanOrEqualTo(8.0);
    }

    @Test
    void verboseJsonHasDurationAndSegments() throws Exception {
        HttpResponse<String> r = client.send(multipart(client, TestDocuments.wav(12.5, 2), fields("verbose_json")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertValid(SpecSchemas.openAi("CreateTranscriptionResponseVerboseJson"), r.body());
        assertValid(SpecSchemas.azureOpenAi("audioVerboseResponse"), r.body());
        JsonNode body = SimClient.json(r);
        assertThat(body.get("duration").asDouble()).isEqualTo(12.5);
        assertThat(body.get("task").asString()).isEqualTo("transcribe");
        assertThat(body.get("language").asString()).isEqualTo("english");
        JsonNode segments = body.get("segments");
        assertThat(segments.size()).isGreaterThan(0);
        assertThat(segments.get(segments.size() - 1).get("end").asDouble()).isEqualTo(12.5);
        for (JsonNode s : segments) {
            assertValid(SpecSchemas.openAi("TranscriptionSegment"), s.toString());
        }
    }

    @Test
    void textFormatIsPlainText() throws Exception {
        HttpResponse<String> r = client.send(multipart(client, TestDocuments.wav(2, 3), fields("text")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(r.body().strip().split(" ")).hasSize(5);
    }

    @Test
    void nonAudioAndBadParametersAre400InOpenAiErrorShape() throws Exception {
        HttpResponse<String> notAudio = client.send(multipart(client, "hello, not audio".getBytes(), fields("json")));
        assertThat(notAudio.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.openAi("ErrorResponse"), notAudio.body());
        assertThat(SimClient.json(notAudio).get("error").get("param").asString())
                .isEqualTo("file");

        HttpResponse<String> format = client.send(multipart(client, TestDocuments.wav(1, 0), fields("yaml")));
        assertThat(format.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.openAi("ErrorResponse"), format.body());

        Map<String, String> wrongModel = fields("json");
        wrongModel.put("model", "whisper-9");
        HttpResponse<String> model = client.send(multipart(client, TestDocuments.wav(1, 0), wrongModel));
        assertThat(model.statusCode()).isEqualTo(404);
        assertValid(SpecSchemas.openAi("ErrorResponse"), model.body());

        HttpResponse<String> notMultipart = client.postJson("/v1/audio/transcriptions", Map.of("file", "x"));
        assertThat(notMultipart.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.openAi("ErrorResponse"), notMultipart.body());
    }
}
