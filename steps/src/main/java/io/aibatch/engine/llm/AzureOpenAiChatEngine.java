package io.aibatch.engine.llm;

import com.azure.ai.openai.OpenAIAsyncClient;
import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.ai.openai.models.ChatChoice;
import com.azure.ai.openai.models.ChatCompletions;
import com.azure.ai.openai.models.ChatCompletionsOptions;
import com.azure.ai.openai.models.ChatRequestSystemMessage;
import com.azure.ai.openai.models.ChatRequestUserMessage;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.Locality;
import io.aibatch.engine.LocalityGuard;
import io.aibatch.resilience.FailurePolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Chat completions on Azure OpenAI (CLOUD): refuses any content that is not known to be unrestricted, before a
 * byte is sent. Authenticates with a key from {@code AZURE_OPENAI_API_KEY} when it is set, otherwise with
 * DefaultAzureCredential (Workload Identity on AKS). The SDK's retries are switched off. A key is sent over plain
 * HTTP only to a loopback address (the simulator in tests); the SDK refuses it elsewhere.
 * The client is built by {@link AzureOpenAiClients}, which also pins the api-version.
 */
public final class AzureOpenAiChatEngine implements ChatEngine {

    public static final String API_KEY_ENV = "AZURE_OPENAI_API_KEY";

    private final OpenAIAsyncClient client;
    private final String deployment;
    private final String name;
    private final String endpoint;

    AzureOpenAiChatEngine(OpenAIAsyncClient client, String deployment) {
        this(client, deployment, "");
    }

    AzureOpenAiChatEngine(OpenAIAsyncClient client, String deployment, String endpoint) {
        this.endpoint = endpoint;
        this.client = client;
        this.deployment = deployment;
        this.name = "azure-openai/" + deployment;
    }

    /**
     * @param endpoint   e.g. {@code https://my-resource.openai.azure.com}
     * @param deployment the model deployment name
     * @param apiKey     a key, or blank to use DefaultAzureCredential
     * @param apiVersion e.g. {@code 2024-10-21}
     */
    public static AzureOpenAiChatEngine connect(
            String endpoint, String deployment, String apiKey, String apiVersion, Duration timeout) {
        if (deployment == null || deployment.isBlank()) {
            throw new IllegalArgumentException(
                    "an Azure OpenAI endpoint needs a deployment name (--cloud-llm-deployment)");
        }
        OpenAIClientBuilder builder = AzureOpenAiClients.builder(endpoint, apiKey, apiVersion, timeout);
        return new AzureOpenAiChatEngine(builder.buildAsyncClient(), deployment, endpoint);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Locality locality() {
        return Locality.CLOUD;
    }

    @Override
    public CompletableFuture<ChatReply> complete(ChatPrompt prompt) {
        LocalityGuard.check(this, prompt.itemSource(), prompt.sensitivity());
        ChatCompletionsOptions options = new ChatCompletionsOptions(List.of(
                        new ChatRequestSystemMessage(prompt.system()), new ChatRequestUserMessage(prompt.user())))
                .setMaxTokens(prompt.maxTokens())
                .setTemperature(0.0);
        if (prompt.responseSchema() != null) {
            options.setResponseFormat(new com.azure.ai.openai.models.ChatCompletionsJsonSchemaResponseFormat(
                    new com.azure.ai.openai.models.ChatCompletionsJsonSchemaResponseFormatJsonSchema(
                                    prompt.responseSchema().name())
                            .setSchema(com.azure.core.util.BinaryData.fromObject(
                                    prompt.responseSchema().schema()))
                            .setStrict(true)));
        }
        long started = System.nanoTime();
        return client.getChatCompletions(deployment, options).toFuture().handle((completions, error) -> {
            if (error != null) {
                throw classify(error, prompt.itemSource());
            }
            return reply(completions, Duration.ofNanos(System.nanoTime() - started), prompt.itemSource());
        });
    }

    private ChatReply reply(ChatCompletions completions, Duration latency, String itemSource) {
        try {
            ChatChoice choice = completions.getChoices().get(0);
            String text = choice.getMessage().getContent();
            if (text == null) {
                throw new IllegalStateException("the first choice has no message content");
            }
            return new ChatReply(
                    text,
                    completions.getUsage().getPromptTokens(),
                    completions.getUsage().getCompletionTokens(),
                    latency,
                    choice.getFinishReason() == null
                            ? ""
                            : choice.getFinishReason().toString());
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
        if (cause instanceof HttpResponseException http && http.getResponse() != null) {
            HttpResponse response = http.getResponse();
            var retryAfter = LlmFailures.retryAfter(
                    response.getHeaderValue("retry-after-ms"), response.getHeaderValue("Retry-After"));
            return LlmFailures.fromStatus(
                    name,
                    response.getStatusCode(),
                    retryAfter,
                    "HTTP " + response.getStatusCode() + " from " + endpoint + " (deployment " + deployment + ") for "
                            + itemSource + ": " + LlmFailures.firstLine(http.getMessage()));
        }
        // connection reset, timeout, or a 200 whose body could not be read as a chat completion
        // (a credential that cannot work, e.g. Entra over http, is fatal: the FailurePolicy decides)
        return FailurePolicy.fromException(name, "call to " + endpoint + " failed for " + itemSource, cause);
    }
}
