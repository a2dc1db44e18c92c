package io.aibatch.runtime;

import io.aibatch.blob.BlobLocation;
import io.aibatch.sink.cosmos.CosmosLocation;
import io.aibatch.sink.cosmos.CosmosSettings;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Before a run plans anything, every endpoint it will use is probed once: an OCR, LLM or transcription service
 * answers HTTP (any status: a probe carries no key, so 401 is an answer), an OpenAI-compatible server lists its models,
 * the Speech container completes a WebSocket handshake, the storage and Cosmos DB accounts answer. An endpoint that
 * does not (connection refused, unknown host, TLS, no answer within {@link #TIMEOUT}) fails the command with exit 78
 * and the cause, before the run exists. Reachability only: whether a container exists is not asked (an output
 * container is created later), and credentials are judged by the first real call ({@link RunFailures}).
 * {@code --skip-preflight} turns it off.
 */
@Component
public class Preflight {

    private static final Logger log = LoggerFactory.getLogger(Preflight.class);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final AibatchProperties properties;
    private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public Preflight(AibatchProperties properties, java.util.List<Pipeline> pipelines) {
        this.properties = properties;
        pipelines.forEach(pipeline -> this.pipelines.put(pipeline.jobName(), pipeline));
    }

    /** Probes every endpoint of {@code run}; throws {@link PreflightException} for the first unusable one. */
    public void check(String jobName, RunParameters run) {
        Map<String, Probe> probes = endpoints(jobName, run);
        for (Map.Entry<String, Probe> probe : probes.entrySet()) {
            probe.getValue().run(probe.getKey());
        }
        if (!probes.isEmpty()) {
            log.info("preflight: {} reachable", String.join(", ", probes.keySet()));
        }
    }

    /** What the run will call, by the setting that names it. */
    Map<String, Probe> endpoints(String jobName, RunParameters run) {
        Map<String, Probe> probes = new LinkedHashMap<>();
        for (String location : new String[] {run.input(), run.output(), run.files()}) {
            if (location != null && BlobLocation.isUrl(location)) {
                String account = accountUrl(location);
                probes.putIfAbsent("storage account " + account, setting -> http(account, setting));
            }
        }
        if (CosmosLocation.matches(run.output())) {
            String endpoint = CosmosSettings.resolve(
                            properties.cosmos().endpoint(),
                            properties.cosmos().key(),
                            properties.cosmos().partitionKeyPath(),
                            properties.cosmos().throughput())
                    .endpoint();
            // reachability only: the Cosmos SDK makes its own TLS decisions (e.g. the emulator's certificate), so a
            // probe
            // with the JVM's trust store could refuse an account the sink would use
            probes.put("Cosmos DB account " + endpoint, setting -> tcp(endpoint, setting));
        }
        Pipeline pipeline = pipelines.get(jobName);
        for (Endpoint endpoint : pipeline == null ? java.util.List.<Endpoint>of() : pipeline.endpoints(run)) {
            Probe probe =
                    switch (endpoint.protocol()) {
                        case HTTP -> setting -> http(endpoint.url(), setting);
                        case SPEECH_WEBSOCKET -> setting -> webSocket(endpoint.url(), setting);
                    };
            probes.putIfAbsent(endpoint.setting() + " " + endpoint.display(), probe);
        }
        return probes;
    }

    private void http(String url, String setting) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            log.debug("preflight {}: HTTP {}", setting, response.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException(setting, "interrupted");
        } catch (Exception e) {
            throw new PreflightException(setting, cause(e, url));
        }
    }

    private void tcp(String url, String setting) {
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), port), (int) TIMEOUT.toMillis());
        } catch (Exception e) {
            throw new PreflightException(setting, cause(e, url));
        }
    }

    /** The Speech container's recognition path, as the Speech SDK opens it. */
    private void webSocket(String endpoint, String setting) {
        URI base = URI.create(endpoint.replaceAll("/+$", ""));
        URI uri = URI.create(base + "/speech/recognition/conversation/cognitiveservices/v1?language=en-US");
        try {
            WebSocket socket = http.newWebSocketBuilder()
                    .connectTimeout(TIMEOUT)
                    .buildAsync(uri, new WebSocket.Listener() {})
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            socket.abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException(setting, "interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new PreflightException(setting, cause(e, uri.toString()));
        }
    }

    /** "connection refused to 127.0.0.1:8099", not a stack trace. */
    static String cause(Throwable error, String url) {
        Throwable e = error;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        URI uri = URI.create(url);
        String where = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "connection refused to " + where;
        }
        if (e instanceof UnknownHostException || root instanceof UnknownHostException) {
            return "unknown host " + uri.getHost();
        }
        if (e instanceof HttpConnectTimeoutException
                || e instanceof HttpTimeoutException
                || e instanceof TimeoutException
                || e instanceof java.net.SocketTimeoutException) {
            return "no answer from " + where + " within " + TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof WebSocketHandshakeException handshake) {
            return "WebSocket handshake with " + uri + " refused: HTTP "
                    + handshake.getResponse().statusCode();
        }
        if (e instanceof javax.net.ssl.SSLException || root instanceof javax.net.ssl.SSLException) {
            return "TLS failed with " + where + ": " + root.getMessage();
        }
        return e.getClass().getSimpleName() + " from " + where + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String accountUrl(String location) {
        BlobLocation blob = BlobLocation.parse(location, "--input");
        URI endpoint = URI.create(blob.endpoint());
        return endpoint.getScheme() + "://" + endpoint.getRawAuthority() + "/";
    }

    /**
     * An endpoint a job will call, named by the setting that configures it.
     *
     * @param setting  e.g. {@code --ocr-endpoint}
     * @param display  the endpoint as shown in messages
     * @param url      what is probed
     */
    public record Endpoint(String setting, String display, String url, Protocol protocol) {

        public enum Protocol {
            /** Any HTTP answer counts (a probe carries no key, so 401 is an answer). */
            HTTP,
            /** The Speech container's recognition WebSocket completes a handshake. */
            SPEECH_WEBSOCKET
        }

        public static Endpoint http(String setting, String url) {
            return new Endpoint(setting, url, url, Protocol.HTTP);
        }

        /** The run's LLMs: an OpenAI-compatible server must list its models; the Azure OpenAI endpoint answer HTTP. */
        public static java.util.List<Endpoint> llms(RunParameters.LlmEndpoints llm) {
            java.util.List<Endpoint> endpoints = new java.util.ArrayList<>();
            if (llm.inCluster() != null) {
                String models = llm.inCluster().replaceAll("/+$", "")
                        + (llm.inCluster().matches(".*/v1/*$") ? "/models" : "/v1/models");
                endpoints.add(new Endpoint("--llm-endpoint", llm.inCluster(), models, Protocol.HTTP));
            }
            if (llm.cloud() != null) {
                endpoints.add(http("--cloud-llm-endpoint", llm.cloud()));
            }
            return endpoints;
        }
    }

    @FunctionalInterface
    interface Probe {
        void run(String setting);
    }

    /** An endpoint of the run is unusable: exit 78, nothing planned. */
    public static final class PreflightException extends RuntimeException {
        PreflightException(String setting, String cause) {
            super("preflight: " + setting + " is unusable: " + cause
                    + " (fix the setting or the service, or pass --skip-preflight)");
        }
    }
}
