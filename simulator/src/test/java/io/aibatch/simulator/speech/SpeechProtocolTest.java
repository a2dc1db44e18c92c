package io.aibatch.simulator.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.GroundTruthConfig;
import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.simulator.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Speech-to-text container's WebSocket protocol, message by message. */
class SpeechProtocolTest {

    static final Path AUDIO =
            Path.of("..", "sample-data", "audio").toAbsolutePath().normalize();
    static final Path TRANSCRIPTS =
            Path.of("..", "sample-data", "audio-transcripts").toAbsolutePath().normalize();
    static final String CONVERSATION = "/speech/recognition/conversation/cognitiveservices/v1?language=en-US";

    private static Simulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults()
                .withGroundTruth(new GroundTruthConfig(null, null, AUDIO, TRANSCRIPTS))
                .withBackend(Backend.SPEECH, c -> c.withServiceTime(10, 10).withJitterSigma(0)));
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
    }

    static byte[] pcmOf(String name) throws Exception {
        byte[] wav = Files.readAllBytes(AUDIO.resolve(name));
        return Arrays.copyOfRange(wav, 44, wav.length); // the committed files have the canonical 44-byte header
    }

    static List<String> paths(List<UspMessage> messages) {
        return messages.stream().map(UspMessage::path).toList();
    }

    static List<JsonNode> phrases(List<UspMessage> messages, String status) {
        List<JsonNode> out = new ArrayList<>();
        for (UspMessage m : messages) {
            if (m.path().equals("speech.phrase")) {
                JsonNode n = Json.MAPPER.readTree(m.text());
                if (n.path("RecognitionStatus").asString().equals(status)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    @Test
    void aTurnOfKnownAudioAnswersItsTranscriptPhraseByPhrase() throws Exception {
        byte[] pcm = pcmOf("meeting-action-items.wav");
        try (UspClient c = UspClient.connect(sim.speechHost(), CONVERSATION)) {
            assertThat(c.subprotocol()).isEqualTo("USP");
            c.sendText("speech.config", null, "{\"context\":{\"system\":{\"name\":\"SpeechSDK\"}}}");
            c.sendTurn("req1", "{\"phraseDetection\":{\"language\":\"en-US\"}}", pcm);
            List<UspMessage> turn = c.untilTurnEnd(10_000);
            assertThat(paths(turn))
                    .startsWith("turn.start", "speech.startDetected")
                    .endsWith("speech.endDetected", "speech.phrase", "turn.end");
            assertThat(turn).allSatisfy(m -> {
                assertThat(m.requestId()).isEqualTo("req1");
                assertThat(m.headers()).containsKeys("x-timestamp", "content-type");
            });
            assertThat(Json.MAPPER
                            .readTree(turn.get(0).text())
                            .path("context")
                            .path("serviceTag")
                            .asString())
                    .isNotBlank();
            List<JsonNode> success = phrases(turn, "Success");
            assertThat(success)
                    .extracting(n -> n.path("DisplayText").asString())
                    .containsExactly(
                            "Action items from today.",
                            "Maria will send the revised budget on Friday.",
                            "Tom will book the training room for next week.");
            long samples = pcm.length / 2;
            long end = 0;
            for (JsonNode p : success) {
                assertThat(p.path("Offset").asLong()).isEqualTo(end);
                end = p.path("Offset").asLong() + p.path("Duration").asLong();
            }
            assertThat(end).isEqualTo(samples * 625);
            assertThat(phrases(turn, "EndOfDictation"))
                    .singleElement()
                    .satisfies(n -> assertThat(n.path("Offset").asLong()).isEqualTo(samples * 625));
        }
    }

    @Test
    void aContinuationResumesTheSameRecordingAtTheOffsetTheClientNames() throws Exception {
        byte[] pcm = pcmOf("meeting-action-items.wav");
        String tag;
        long firstEnd;
        try (UspClient c = UspClient.connect(sim.speechHost(), CONVERSATION)) {
            c.sendTurn("a", "{}", pcm);
            List<UspMessage> turn = c.untilTurnEnd(10_000);
            tag = Json.MAPPER
                    .readTree(turn.get(0).text())
                    .path("context")
                    .path("serviceTag")
                    .asString();
            JsonNode first = phrases(turn, "Success").get(0);
            firstEnd = first.path("Offset").asLong() + first.path("Duration").asLong();
        }
        // as the SDK does after a dropped connection: name the previous turn, re-send the audio after its last phrase
        int from = (int) (firstEnd / 625) * 2;
        try (UspClient c = UspClient.connect(sim.speechHost(), CONVERSATION)) {
            c.sendTurn(
                    "b",
                    "{\"continuation\":{\"previousServiceTag\":\"" + tag
                            + "\",\"audio\":{\"streams\":{\"1\":{\"offset\":\"" + firstEnd + "\"}}}}}",
                    Arrays.copyOfRange(pcm, from, pcm.length));
            List<JsonNode> rest = phrases(c.untilTurnEnd(10_000), "Success");
            assertThat(rest)
                    .extracting(n -> n.path("DisplayText").asString())
                    .containsExactly(
                            "Maria will send the revised budget on Friday.",
                            "Tom will book the training room for next week.");
            assertThat(rest.get(0).path("Offset").asLong())
                    .isZero(); // relative to the re-sent audio: the SDK adds its offset
        }
    }

    @Test
    void aStreamStartingInTheMiddleOfKnownAudioIsRecognisedByItsSamples() throws Exception {
        byte[] pcm = pcmOf("meeting-action-items.wav");
        byte[] firstPhrase;
        try (UspClient c = UspClient.connect(sim.speechHost(), CONVERSATION)) {
            c.sendTurn("a", "{}", pcm);
            JsonNode first = phrases(c.untilTurnEnd(10_000), "Success").get(0);
            firstPhrase = Arrays.copyOfRange(
                    pcm,
                    0,
                    (int) ((first.path("Offset").asLong()
                                            + first.path("Duration").asLong())
                                    / 625)
                            * 2);
        }
        try (UspClient c = UspClient.connect(sim.speechHost(), CONVERSATION)) { // no continuation: a new client
            c.sendTurn("b", "{}", Arrays.copyOfRange(pcm, firstPhrase.length, pcm.length));
            assertThat(phrases(c.untilTurnEnd(10_000), "Success"))
                    .extracting(n -> n.path("DisplayText").asString())
                    .containsExactly(
                            "Maria will send the revised budget on Friday.",
                            "Tom will book the training room for next week.");
        }
    }

    @Test
    void unknownAudioGetsDeterministicPhrasesAtAboutTwoAndAHalfWordsASecond() throws Exception {
        byte[] pcm = new byte[16000 * 2 * 20]; // 20 s of a changing tone
        for (int i = 0; i < pcm.length / 2; i++) {
            short v = (short) (8000 * Math.sin(i * (0.05 + (i % 16000) / 1e6)));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        List<String> first = null;
        for (int run = 0; run < 2; run++) {
            try (UspClient c = UspClient.connect(sim.speechHost(), CONVERSATION)) {
                c.sendTurn("u" + run, "{}", pcm);
                List<JsonNode> ps = phrases(c.untilTurnEnd(10_000), "Success");
                List<String> texts =
                        ps.stream().map(n -> n.path("DisplayText").asString()).toList();
                int words = texts.stream().mapToInt(t -> t.split("\\s+").length).sum();
                assertThat(words).isBetween(44, 56);
                assertThat(ps.size()).isBetween(4, 8);
                JsonNode last = ps.get(ps.size() - 1);
                assertThat(last.path("Offset").asLong() + last.path("Duration").asLong())
                        .isEqualTo(20L * 10_000_000);
                if (first == null) {
                    first = texts;
                } else {
                    assertThat(texts).isEqualTo(first);
                }
            }
        }
    }

    @Test
    void anEmptyTurnStillStartsAndEnds() throws Exception {
        try (UspClient c = UspClient.connect(sim.speechHost(), CONVERSATION)) {
            c.sendText("speech.context", "e", "{}");
            c.sendAudio("e", UspClient.wavHeader(), true);
            c.sendAudio("e", new byte[0], false);
            assertThat(paths(c.untilTurnEnd(5_000)))
                    .containsExactly("turn.start", "speech.endDetected", "speech.phrase", "turn.end");
        }
    }

    @Test
    void theUpgradeIsRefusedWithoutALanguageAndWhenDecodersAndQueueAreFull() throws Exception {
        assertThatThrownBy(() ->
                        UspClient.connect(sim.speechHost(), "/speech/recognition/conversation/cognitiveservices/v1"))
                .isInstanceOf(ExecutionException.class)
                .hasStackTraceContaining("status code 400");
        try (Simulator one = Simulator.start(SimulatorConfig.defaults()
                .withBackend(
                        Backend.SPEECH, c -> c.withSlots(1).withQueueLimit(0).withServiceTime(10, 1000)))) {
            byte[] pcm = pcmOf("order-status.wav");
            try (UspClient busy = UspClient.connect(one.speechHost(), CONVERSATION)) {
                busy.sendTurn("x", "{}", pcm);
                assertThat(busy.next(5_000).path()).isEqualTo("turn.start"); // holds the only decoder for ~4 s
                assertThatThrownBy(() -> UspClient.connect(one.speechHost(), CONVERSATION))
                        .isInstanceOf(ExecutionException.class)
                        .hasStackTraceContaining("status code 429");
            }
            assertThat(one.stats(Backend.SPEECH).throttled()).isEqualTo(1);
        }
    }
}
