package io.aibatch.jobs.openaibatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.json.Json;
import io.aibatch.pipeline.RejectedItemException;
import io.aibatch.source.LineAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A request line is read once: its body is sent as the line has it, unless --model replaces the model. */
class BatchRequestTest {

    private static final LineAddress LINE_7 = new LineAddress("/in/requests.jsonl", "requests.jsonl", 7, 1234);

    private static BatchRequest parse(String line) {
        return BatchRequest.parse(line.getBytes(StandardCharsets.UTF_8), LINE_7);
    }

    @Test
    void sendsTheBodyByteForByteAsTheLineHasIt() {
        String body =
                "{ \"model\" : \"phi-4\", \"messages\":[{\"role\":\"user\",\"content\":\"Größe \\u00e9 \\\"x\\\" 1e400\"}],"
                        + " \"max_tokens\": 8, \"temperature\": 0.10 }";
        BatchRequest request = parse(
                "{\"custom_id\":\"a\",\"body\":" + body + " ,\"method\":\"POST\",\"url\":\"/v1/chat/completions\"}");

        assertThat(new String(request.bodyFor(null), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(new String(request.bodyFor(" "), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(request.customId()).isEqualTo("a");
        assertThat(request.text()).contains("Größe é \"x\" 1e400");
    }

    @Test
    void replacesTheModelWhenOneIsGiven() {
        BatchRequest request = parse(
                "{\"custom_id\":\"a\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\"m\",\"input\":[\"x\",\"y\"]}}");

        assertThat(Json.MAPPER.readTree(request.bodyFor("phi-4")).toString())
                .isEqualTo("{\"model\":\"phi-4\",\"input\":[\"x\",\"y\"]}");
    }

    @Test
    void theLastOfTwoBodiesIsTheOneSentAsReadTreeWouldKeepIt() {
        BatchRequest request = parse("{\"custom_id\":\"a\",\"url\":\"/v1/embeddings\",\"body\":{\"input\":\"first\"},"
                + "\"body\":{\"input\":\"second\"}}");

        assertThat(new String(request.bodyFor(null), StandardCharsets.UTF_8)).isEqualTo("{\"input\":\"second\"}");
        assertThatThrownBy(
                        () -> parse(
                                "{\"custom_id\":\"a\",\"url\":\"/v1/embeddings\",\"body\":{\"input\":\"x\"},\"body\":\"text\"}"))
                .isInstanceOf(RejectedItemException.class)
                .hasMessageContaining("has no body object");
    }

    @Test
    void aLineThatIsNotAnObjectOrNotJsonIsMalformedWithItsLineNumber() {
        assertThatThrownBy(() -> parse("{\"custom_id\":\"a\",\"body\":{\"x\":"))
                .isInstanceOf(RejectedItemException.class)
                .hasMessageStartingWith("line 7 of requests.jsonl is not valid JSON: ");
        assertThatThrownBy(() -> parse("[1, 2]"))
                .isInstanceOf(RejectedItemException.class)
                .hasMessageStartingWith("line 7 of requests.jsonl is not a JSON object");
        assertThatThrownBy(() -> parse("{\"custom_id\":\"a\"} {\"custom_id\":\"b\"}"))
                .isInstanceOf(RejectedItemException.class)
                .hasMessageStartingWith("line 7 of requests.jsonl is not valid JSON: ");
        assertThatThrownBy(() -> parse("{\"custom_id\":\"a\",\"url\":\"/v1/embeddings\"}"))
                .isInstanceOf(RejectedItemException.class)
                .hasMessageContaining("has no body object");
    }
}
