package io.aibatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemOutcome;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {

    @Test
    void keysAndTokensInErrorBodiesAreRemoved() {
        String body =
                "{\"error\":{\"code\":\"401\",\"message\":\"Access denied: invalid subscription key 0123456789abcdef0123456789ABCDEF\"},"
                        + "\"request\":\"https://acct.blob.core.windows.net/c/b?sv=2024&sig=AbC%2Fdef123&se=2030\","
                        + "\"apiKey\": \"sk-live-abcdefghijkl\", \"auth\": \"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl\","
                        + "\"db\":\"postgres://aibatch:hunter2@db:5432/x\", \"password=hunter3\", \"token\":\"t0k3n-value\","
                        + "\"accountKey\":\"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==\"}";
        String scrubbed = SecretScrubber.scrub(body);
        assertThat(scrubbed)
                .doesNotContain(
                        "0123456789abcdef",
                        "AbC%2Fdef123",
                        "sk-live",
                        "eyJhbGci",
                        "hunter2",
                        "hunter3",
                        "t0k3n",
                        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq");
        assertThat(scrubbed)
                .contains(
                        "Access denied: invalid subscription",
                        "sv=2024",
                        "se=2030",
                        "postgres://***@db:5432",
                        "Bearer ***");
    }

    @Test
    void ordinaryMessagesAreLeftAlone() {
        String message =
                "HTTP 400 from POST /vision/v3.2/read/analyze: {\"error\":{\"code\":\"InvalidImageSize\",\"message\":\"Image must be "
                        + "at most 50 MB\"}} for Invoices/2024/Q3/Customer/AcmeCorp/Statement1234.pdf; max_tokens: 200, tokensIn=5";
        assertThat(SecretScrubber.scrub(message)).isEqualTo(message);
    }

    @Test
    void backendMessagesAndEveryDeadLetterReasonAreScrubbed() {
        BackendException e = BackendException.permanent(
                "read-container",
                401,
                "HTTP 401: {\"message\":\"bad Ocp-Apim-Subscription-Key: " + "0123456789abcdef0123456789abcdef\"}");
        assertThat(e.getMessage()).startsWith("read-container: HTTP 401").doesNotContain("0123456789abcdef");
        WorkItem item = new WorkItem("id", "file:///in/a.pdf", "a.pdf", 10, java.time.Instant.EPOCH, null);
        ItemOutcome.DeadLettered dead =
                new ItemOutcome.DeadLettered(item, "backend-rejected", "failed: api-key=s3cr3t-value", 1);
        assertThat(dead.reason()).isEqualTo("failed: api-key=***");
    }
}
