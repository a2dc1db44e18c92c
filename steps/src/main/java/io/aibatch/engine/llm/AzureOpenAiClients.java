package io.aibatch.engine.llm;

import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.ai.openai.OpenAIServiceVersion;
import com.azure.core.credential.AzureKeyCredential;
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
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * How every Azure OpenAI client of aibatch is built (chat engine, batch client): the SDK's retries off (our own
 * resilience decides), the api-version pinned, and the key from the caller (the run's settings or
 * {@code AZURE_OPENAI_API_KEY}), else DefaultAzureCredential (Workload Identity on AKS). A key goes over plain HTTP
 * only to a loopback address (the simulator in tests); the SDK refuses it elsewhere. The key is never logged.
 * <p>
 * azure-ai-openai 1.0.0-beta.16 has no constant for api-version 2024-10-21 (the latest GA data plane, the one we
 * target); a pipeline policy sets the configured api-version on every request.
 */
public final class AzureOpenAiClients {

    private AzureOpenAiClients() {}

    /**
     * @param endpoint   e.g. {@code https://my-resource.openai.azure.com}
     * @param apiKey     a key, or blank to use DefaultAzureCredential
     * @param apiVersion e.g. {@code 2024-10-21}
     */
    public static OpenAIClientBuilder builder(String endpoint, String apiKey, String apiVersion, Duration timeout) {
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
            builder.credential(new DefaultAzureCredentialBuilder().build());
        }
        return builder;
    }

    private static boolean isLoopbackHttp(String endpoint) {
        URI uri = URI.create(endpoint);
        return "http".equalsIgnoreCase(uri.getScheme())
                && ("127.0.0.1".equals(uri.getHost())
                        || "localhost".equalsIgnoreCase(uri.getHost())
                        || "[::1]".equals(uri.getHost()));
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
