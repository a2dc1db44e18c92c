package io.aibatch.engine.llm;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.Locality;
import io.aibatch.engine.LocalityGuard;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Chat completions against an OpenAI-compatible server: a KAITO workspace's vLLM inference service in the
 * cluster (IN_CLUSTER). The model name is discovered from {@code GET /v1/models} unless configured, because a
 * KAITO workspace serves exactly the preset it was created with. The SDK's own retries are switched off.
 */
public final class OpenAiCompatibleChatEngine implements ChatEngine, AutoCloseable {

    private final OpenAIClientAsync client;
    private final String model;
    private final String name;
    private final Locality locality;

    private OpenAiCompatibleChatEngine(OpenAIClientAsync client, String model, Locality locality) {
        this.client = client;
        this.model = model;
        this.name = "kaito/" + model;
        this.locality = locality;
    }

    /**
     * @param endpoint the server's base URL, e.g. {@code http://workspace-phi-4-mini.kaito:80}; {@code /v1} is added when missing
     * @param model    the model to use, or blank to take the first one the server lists
     * @param apiKey   a key if the server wants one (KAITO does not), else blank
     */
    public static OpenAiCompatibleChatEngine connect(
            String endpoint, String model, String apiKey, Duration timeout, Locality locality) {
        String baseUrl = baseUrl(endpoint);
        OpenAIClientAsync client = OpenAIOkHttpClientAsync.builder()
                .baseUrl(baseUrl)
                // the SDK insists on a credential; vLLM ignores it unless started with --api-key
                .apiKey(apiKey == null || apiKey.isBlank() ? "unused" : apiKey)
                .maxRetries(0)
                .timeout(timeout)
                .responseValidation(true)
                .build();
        try {
            String chosen = model == null || model.isBlank() ? discoverModel(client, baseUrl) : model;
            return new OpenAiCompatibleChatEngine(client, chosen, locality);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    static String baseUrl(String endpoint) {
        String trimmed = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return trimmed.endsWith("/v1") ? trimmed : trimmed + "/v1";
    }

    private static String discoverModel(OpenAIClientAsync client, String baseUrl) {
        try {
            List<Model> models = client.models().list().join().data();
            if (models.isEmpty()) {
                throw new IllegalStateException("the LLM server at " + baseUrl
                        + " lists no models (GET /v1/models); is the KAITO workspace ready?");
            }
            return models.get(0).id();
        } catch (CompletionException e) {
            throw new IllegalStateException(
                    "could not list the models of the LLM server at " + baseUrl + " (GET /v1/models): "
                            + LlmFailures.firstLine(LlmFailures.unwrap(e).getMessage()) + "; check --llm-endpoint",
                    LlmFailures.unwrap(e));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Locality locality() {
        return locality;
    }

    public String model() {
        return model;
    }

    @Override
    public CompletableFuture<ChatReply> complete(ChatPrompt prompt) {
        LocalityGuard.check(this, prompt.itemSource(), prompt.sensitivity());
        ChatCompletionCreateParams.Builder builder = ChatCompletionCreateParams.builder()
                .model(model)
                .addSystemMessage(prompt.system())
                .addUserMessage(prompt.user())
                .maxTokens(prompt.maxTokens())
                .temperature(0.0);
        if (prompt.responseSchema() != null) {
            builder.responseFormat(jsonSchemaFormat(prompt.responseSchema()));
        }
        ChatCompletionCreateParams params = builder.build();
        long started = System.nanoTime();
        return client.chat().completions().create(params).handle((completion, error) -> {
            if (error != null) {
                throw classify(error, prompt.itemSource());
            }
            return reply(completion, Duration.ofNanos(System.nanoTime() - started), prompt.itemSource());
        });
    }

    private static ResponseFormatJsonSchema jsonSchemaFormat(ResponseSchema responseSchema) {
        ResponseFormatJsonSchema.JsonSchema.Schema.Builder schema =
                ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        responseSchema.schema().forEach((key, value) -> schema.putAdditionalProperty(key, JsonValue.from(value)));
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name(responseSchema.name())
                        .schema(schema.build())
                        .strict(true)
                        .build())
                .build();
    }

    private ChatReply reply(ChatCompletion completion, Duration latency, String itemSource) {
        try {
            ChatCompletion.Choice choice = completion.choices().get(0);
            long in = completion.usage().map(u -> u.promptTokens()).orElse(0L);
            long out = completion.usage().map(u -> u.completionTokens()).orElse(0L);
            return new ChatReply(
                    choice.message().content().orElse(""),
                    in,
                    out,
                    latency,
                    choice.finishReason().asString());
        } catch (RuntimeException e) {
            throw BackendException.transientFailure(
                    name,
                    200,
                    "malformed chat completion for " + itemSource + ": " + LlmFailures.firstLine(e.getMessage()),
                    e);
        }
    }

    private BackendException classify(Throwable error, String itemSource) {
        Throwable cause = LlmFailures.unwrap(error);
        if (cause instanceof BackendException backendException) {
            return backendException;
        }
        if (cause instanceof OpenAIServiceException service) {
            var retryAfter = LlmFailures.retryAfter(first(service, "retry-after-ms"), first(service, "retry-after"));
            return LlmFailures.fromStatus(
                    name,
                    service.statusCode(),
                    retryAfter,
                    "HTTP " + service.statusCode() + " for " + itemSource + ": "
                            + LlmFailures.firstLine(service.getMessage()));
        }
        if (cause instanceof OpenAIInvalidDataException) {
            return BackendException.transientFailure(
                    name,
                    200,
                    "malformed reply for " + itemSource + ": " + LlmFailures.firstLine(String.valueOf(cause)),
                    cause);
        }
        String what = cause instanceof OpenAIIoException ? "connection failed or timed out" : "unexpected failure";
        // a TLS failure is the configuration's, not the moment's: the FailurePolicy makes it fatal
        return io.aibatch.resilience.FailurePolicy.fromException(name, what + " for " + itemSource, cause);
    }

    private static String first(OpenAIServiceException e, String header) {
        List<String> values = e.headers().values(header);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void close() {
        client.close();
    }
}
