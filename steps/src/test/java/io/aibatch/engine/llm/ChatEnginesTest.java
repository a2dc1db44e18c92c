package io.aibatch.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.engine.BackendException;
import io.aibatch.engine.Locality;
import io.aibatch.engine.RestrictedContentException;
import io.aibatch.engine.Sensitivity;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.ReceivedRequest;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.FaultRates;
import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.testing.QuietLoggers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both LLM clients against the simulator: replies, token counts, and how every kind of failure is classified. */
class ChatEnginesTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String DOCUMENT =
            "Dear Sam,\n\nThank you for the lovely flowers. They arrived on Tuesday. We put them in the hall.\n\nYours, Kim";
    static Simulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults()
                .withBackend(Backend.VLLM, c -> c.withServiceTime(5, 0.01))
                .withBackend(Backend.AZURE_OPENAI, c -> c.withServiceTime(5, 0.01)));
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
    }

    static ChatPrompt prompt(Sensitivity sensitivity, String text) {
        return new ChatPrompt(
                "sample/letter.pdf", sensitivity, "Summarize the following document in two sentences.", text, 100);
    }

    @Test
    void kaitoDiscoversItsModelAndReportsTokensAndLatency() {
        try (OpenAiCompatibleChatEngine kaito =
                OpenAiCompatibleChatEngine.connect(sim.baseUrl(), "", "", TIMEOUT, Locality.IN_CLUSTER)) {
            assertThat(kaito.model()).isEqualTo("phi-4-mini-instruct");
            assertThat(kaito.name()).isEqualTo("kaito/phi-4-mini-instruct");
            assertThat(kaito.locality()).isEqualTo(Locality.IN_CLUSTER);

            ChatReply reply =
                    kaito.complete(prompt(Sensitivity.RESTRICTED, DOCUMENT)).join();
            assertThat(reply.text()).contains("Thank you for the lovely flowers.");
            assertThat(reply.tokensIn()).isPositive();
            assertThat(reply.tokensOut()).isPositive();
            assertThat(reply.latency()).isPositive();
            assertThat(reply.finishReason()).isEqualTo("stop");
        }
    }

    @Test
    void kaitoPromptOverTheContextLengthIsPermanent() {
        try (OpenAiCompatibleChatEngine kaito =
                OpenAiCompatibleChatEngine.connect(sim.baseUrl() + "/v1/", "", "", TIMEOUT, Locality.IN_CLUSTER)) {
            String huge = "word ".repeat(30_000);
            BackendException e = failure(
                    () -> kaito.complete(prompt(Sensitivity.RESTRICTED, huge)).join());
            assertThat(e.kind()).isEqualTo(BackendException.Kind.PERMANENT);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("sample/letter.pdf").contains("context length");
        }
    }

    @Test
    void kaitoServerErrorsMalformedRepliesAndDroppedConnectionsAreTransient() throws Exception {
        for (UnaryOperator<FaultRates> fault : List.<UnaryOperator<FaultRates>>of(
                f -> f.withHttp5xx(1), f -> f.withMalformed(1), f -> f.withDrop(1))) {
            try (Simulator faulty = Simulator.start(
                            SimulatorConfig.defaults().withBackend(Backend.VLLM, c -> c.withServiceTime(1, 0)
                                    .withFaults(fault.apply(FaultRates.NONE))));
                    OpenAiCompatibleChatEngine kaito = OpenAiCompatibleChatEngine.connect(
                            faulty.baseUrl(), "phi-4-mini-instruct", "", TIMEOUT, Locality.IN_CLUSTER)) {
                for (int i = 0; i < 2; i++) { // malformed alternates truncated and schema-breaking bodies
                    BackendException e = failure(() -> kaito.complete(prompt(Sensitivity.RESTRICTED, DOCUMENT))
                            .join());
                    assertThat(e.kind()).as(e.getMessage()).isEqualTo(BackendException.Kind.TRANSIENT);
                }
            }
        }
    }

    @Test
    void aKaitoEndpointThatIsNotThereFailsWithAMessageNamingIt() {
        assertThatThrownBy(() ->
                        OpenAiCompatibleChatEngine.connect("http://127.0.0.1:1", "", "", TIMEOUT, Locality.IN_CLUSTER))
                .hasMessageContaining("http://127.0.0.1:1/v1")
                .hasMessageContaining("--llm-endpoint");
    }

    @Test
    void azureOpenAiSendsApiVersion20241021WithTheKeyAndReportsTokens() throws Exception {
        List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
        try (AutoCloseable observer = sim.onRequest(Backend.AZURE_OPENAI, received::add)) {
            AzureOpenAiChatEngine azure =
                    AzureOpenAiChatEngine.connect(sim.baseUrl(), "gpt-4o-mini", "test-key", "2024-10-21", TIMEOUT);
            assertThat(azure.name()).isEqualTo("azure-openai/gpt-4o-mini");
            assertThat(azure.locality()).isEqualTo(Locality.CLOUD);

            ChatReply reply =
                    azure.complete(prompt(Sensitivity.UNRESTRICTED, DOCUMENT)).join();
            assertThat(reply.text()).contains("Thank you for the lovely flowers.");
            assertThat(reply.tokensIn()).isPositive();
            assertThat(reply.tokensOut()).isPositive();
            assertThat(reply.latency()).isPositive();
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0).path()).isEqualTo("/openai/deployments/gpt-4o-mini/chat/completions");
        assertThat(received.get(0).queryParam("api-version")).isEqualTo("2024-10-21");
        assertThat(received.get(0).header("api-key")).isEqualTo("test-key");
    }

    @Test
    void bothEnginesAskForStructuredOutputWithTheResponseSchema() throws Exception {
        ResponseSchema schema = new ResponseSchema(
                "order",
                java.util.Map.of(
                        "type",
                        "object",
                        "additionalProperties",
                        false,
                        "required",
                        List.of("orderNumber"),
                        "properties",
                        java.util.Map.of("orderNumber", java.util.Map.of("type", List.of("string", "null")))));
        ChatPrompt structured = new ChatPrompt(
                "sample/order.pdf",
                Sensitivity.UNRESTRICTED,
                "Extract the fields.",
                "PURCHASE ORDER\nOrder number: ORD-777\nTotal: $5.00",
                100,
                schema);
        List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
        try (AutoCloseable vllm = sim.onRequest(Backend.VLLM, received::add);
                AutoCloseable azureRequests = sim.onRequest(Backend.AZURE_OPENAI, received::add);
                OpenAiCompatibleChatEngine kaito = OpenAiCompatibleChatEngine.connect(
                        sim.baseUrl(), "phi-4-mini-instruct", "", TIMEOUT, Locality.IN_CLUSTER)) {
            AzureOpenAiChatEngine azure =
                    AzureOpenAiChatEngine.connect(sim.baseUrl(), "gpt-4o-mini", "test-key", "2024-10-21", TIMEOUT);
            assertThat(kaito.complete(structured).join().text()).isEqualTo("{\"orderNumber\":\"ORD-777\"}");
            assertThat(azure.complete(structured).join().text()).isEqualTo("{\"orderNumber\":\"ORD-777\"}");
        }
        assertThat(received).hasSize(2);
        for (ReceivedRequest request : received) {
            tools.jackson.databind.JsonNode format = tools.jackson.databind.json.JsonMapper.builder()
                    .build()
                    .readTree(request.bodyAsString())
                    .get("response_format");
            assertThat(format.get("type").asString()).isEqualTo("json_schema");
            assertThat(format.get("json_schema").get("name").asString()).isEqualTo("order");
            assertThat(format.get("json_schema").get("strict").asBoolean()).isTrue();
            assertThat(format.get("json_schema")
                            .get("schema")
                            .get("required")
                            .get(0)
                            .asString())
                    .isEqualTo("orderNumber");
        }
    }

    @Test
    void azureOpenAiRefusesRestrictedAndUncheckedContentBeforeSendingAnything() throws Exception {
        List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
        try (AutoCloseable observer = sim.onRequest(Backend.AZURE_OPENAI, received::add)) {
            AzureOpenAiChatEngine azure =
                    AzureOpenAiChatEngine.connect(sim.baseUrl(), "gpt-4o-mini", "test-key", "2024-10-21", TIMEOUT);
            for (Sensitivity sensitivity : List.of(Sensitivity.RESTRICTED, Sensitivity.UNCHECKED)) {
                assertThatThrownBy(() -> azure.complete(prompt(sensitivity, DOCUMENT)))
                        .isInstanceOf(RestrictedContentException.class)
                        .hasMessageContaining("sample/letter.pdf")
                        .hasMessageContaining("azure-openai/gpt-4o-mini");
            }
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aKaitoEngineDeclaredCloudIsGuardedToo() {
        try (OpenAiCompatibleChatEngine hosted =
                OpenAiCompatibleChatEngine.connect(sim.baseUrl(), "", "", TIMEOUT, Locality.CLOUD)) {
            assertThatThrownBy(() -> hosted.complete(prompt(Sensitivity.RESTRICTED, DOCUMENT)))
                    .isInstanceOf(RestrictedContentException.class);
        }
    }

    @Test
    void azureOpenAiOverQuotaIsThrottledWithTheServersRetryAfter() throws Exception {
        try (Simulator limited = Simulator.start(SimulatorConfig.defaults()
                .withBackend(Backend.AZURE_OPENAI, c -> c.withServiceTime(1, 0).withTokensPerMinute(150)))) {
            AzureOpenAiChatEngine azure =
                    AzureOpenAiChatEngine.connect(limited.baseUrl(), "gpt-4o-mini", "test-key", "2024-10-21", TIMEOUT);
            azure.complete(prompt(Sensitivity.UNRESTRICTED, DOCUMENT)).join();
            BackendException e = failure(() ->
                    azure.complete(prompt(Sensitivity.UNRESTRICTED, DOCUMENT)).join());
            assertThat(e.kind()).isEqualTo(BackendException.Kind.THROTTLED);
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(61));
        }
    }

    @Test
    void azureOpenAiServerErrorsAndMalformedRepliesAreTransientAndAWrongKeyIsPermanent() throws Exception {
        // azure-core logs each of these faults at ERROR (exhausted retries, unparseable JSON) and reactor-netty the
        // dropped connection at WARN, before the engine turns them into the BackendException asserted here
        try (QuietLoggers quiet = QuietLoggers.off("com.azure.core", "reactor.netty.http.client.HttpClientConnect")) {
            serverErrorsMalformedRepliesAndAWrongVersion();
        }
    }

    private void serverErrorsMalformedRepliesAndAWrongVersion() throws Exception {
        for (UnaryOperator<FaultRates> fault : List.<UnaryOperator<FaultRates>>of(
                f -> f.withHttp5xx(1), f -> f.withMalformed(1), f -> f.withDrop(1))) {
            try (Simulator faulty = Simulator.start(
                    SimulatorConfig.defaults().withBackend(Backend.AZURE_OPENAI, c -> c.withServiceTime(1, 0)
                            .withFaults(fault.apply(FaultRates.NONE))))) {
                AzureOpenAiChatEngine azure = AzureOpenAiChatEngine.connect(
                        faulty.baseUrl(), "gpt-4o-mini", "test-key", "2024-10-21", TIMEOUT);
                for (int i = 0; i < 2; i++) {
                    BackendException e = failure(() -> azure.complete(prompt(Sensitivity.UNRESTRICTED, DOCUMENT))
                            .join());
                    assertThat(e.kind()).as(e.getMessage()).isEqualTo(BackendException.Kind.TRANSIENT);
                    assertThat(e.getMessage()).doesNotContain("test-key");
                }
            }
        }
        AzureOpenAiChatEngine wrongVersion =
                AzureOpenAiChatEngine.connect(sim.baseUrl(), "gpt-4o-mini", "test-key", "2023-05-15", TIMEOUT);
        BackendException e = failure(() -> wrongVersion
                .complete(prompt(Sensitivity.UNRESTRICTED, DOCUMENT))
                .join());
        // a 404 on a completion means the deployment or api-version does not exist: the run's configuration, not the
        // item
        assertThat(e.kind()).isEqualTo(BackendException.Kind.FATAL);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).contains(sim.baseUrl()).contains("gpt-4o-mini");
    }

    /** The case: no key, so Entra ID (a bearer token), to a plain-http URL: the SDK refuses it on every call. */
    @Test
    void entraAuthenticationOverPlainHttpIsAConfigurationErrorNotATransientOne() {
        AzureOpenAiChatEngine entraOverHttp =
                AzureOpenAiChatEngine.connect("http://127.0.0.1:9", "gpt-4o-mini", "", "2024-10-21", TIMEOUT);
        BackendException e;
        // azure-core's RetryPolicy logs the refusal at ERROR ("Retry attempts have been exhausted") first
        try (QuietLoggers quiet = QuietLoggers.off("com.azure.core.http.policy.RetryPolicy")) {
            e = failure(() -> entraOverHttp
                    .complete(prompt(Sensitivity.UNRESTRICTED, DOCUMENT))
                    .join());
        }
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(BackendException.Kind.FATAL);
        assertThat(e.getMessage()).contains("http://127.0.0.1:9").contains("https");
    }

    private static BackendException failure(Runnable call) {
        try {
            call.run();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(BackendException.class);
            return (BackendException) e.getCause();
        }
        throw new AssertionError("the call succeeded but was expected to fail");
    }
}
