package io.aibatch.engine.llm;

import com.azure.ai.openai.OpenAIAsyncClient;
import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.ai.openai.OpenAIServiceVersion;
import com.azure.ai.openai.models.ChatChoice;
import com.azure.ai.openai.models.ChatCompletions;
import com.azure.ai.openai.models.ChatCompletionsOptions;
import com.azure.ai.openai.models.ChatRequestSystemMessage;
import com.azure.ai.openai.models.ChatRequestUserMessage;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.HttpClientOptions;
import com.azure.core.util.UrlBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.Locality;
import io.aibatch.engine.LocalityGuard;
import io.aibatch.resilience.FailurePolicy;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * Chat completions on Azure OpenAI (CLOUD): refuses any content that is not known to be unrestricted, before a
 * byte is sent. Authenticates with a key from {@code AZURE_OPENAI_API_KEY} when it is set, otherwise with
 * DefaultAzureCredential (Workload Identity on AKS). The SDK's retries are switched off. A key is sent over plain
 * HTTP only to a loopback address (the simulator in tests); the SDK refuses it elsewhere.
 * <p>
 * azure-ai-openai 1.0.0-beta.16 has no constant for api-version 2024-10-21 (the latest GA data plane, the one
 * we target); a pipeline policy sets the configured api-version on every request.
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
        OpenAIClientBuilder builder = new OpenAIClientBuilder()
                .endpoint(endpoint)
                .serviceVersion(OpenAIServiceVersion.V2024_06_01)
                .addPolicy(new ApiVersionPolicy(apiVersion))
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)))
                .clientOptions(
                        new HttpClientOptions().setResponseTimeout(timeout).setReadTimeout(timeout));
        if (apiKey != null && !apiKey.isBlank() && isLoopbackHttp(endpoint)) {
            // the SDK's key policy refuses plain HTTP (rightly); a local test endpoint gets the header directly
            builder.addPolicy(
                    new AddHeadersPolicy(new HttpHeaders().set(HttpHeaderName.fromString("api-key"), apiKey)));
        } else if (apiKey != null && !apiKey.isBlank()) {
            builder.credential(new AzureKeyCredential(apiKey));
        } else {
            TokenCredential credential = new DefaultAzureCredentialBuilder().build();
            builder.credential(credential);
        }
        return new AzureOpenAiChatEngine(builder.buildAsyncClient(), deployment, endpoint);
    }

    private static boolean isLoopbackHttp(String endpoint) {
        URI uri = URI.create(endpoint);
        return "http".equalsIgnoreCase(uri.getScheme())
                && ("127.0.0.1".equals(uri.getHost())
                        || "localhost".equalsIgnoreCase(uri.getHost())
                        || "[::1]".equals(uri.getHost()));
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

    /** Replaces the SDK's api-version query parameter with the one the deployment is pinned to. */
    static final class ApiVersionPolicy implements HttpPipelinePolicy {

        private final String apiVersion;

        ApiVersionPolicy(String apiVersion) {
            this.apiVersion = apiVersion;
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            UrlBuilder url = UrlBuilder.parse(context.getHttpRequest().getUrl());
            url.setQueryParameter("api-version", apiVersion);
            try {
                context.getHttpRequest().setUrl(url.toUrl());
            } catch (MalformedURLException e) {
                return Mono.error(e);
            }
            return next.process();
        }

        @Override
        public HttpPipelinePosition getPipelinePosition() {
            return HttpPipelinePosition.PER_CALL;
        }
    }
}
