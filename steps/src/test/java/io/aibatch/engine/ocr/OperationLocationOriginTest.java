package io.aibatch.engine.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.Locality;
import io.aibatch.engine.http.HttpFailures;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The key goes only where it was configured: a Read or Document Intelligence endpoint that answers with an
 * Operation-Location on another origin fails the item, and that origin is never called.
 */
class OperationLocationOriginTest {

    private static final String KEY = "the-configured-subscription-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpServer endpoint;
    private HttpServer elsewhere;
    private final List<String> elsewhereCalls = Collections.synchronizedList(new ArrayList<>());
    private volatile String operationLocation;
    private volatile String errorBody;

    @BeforeEach
    void start() throws Exception {
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            elsewhereCalls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " key="
                    + exchange.getRequestHeaders().getFirst("Ocp-Apim-Subscription-Key"));
            byte[] body = "{\"status\":\"succeeded\",\"analyzeResult\":{\"readResults\":[],\"pages\":[]}}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        elsewhere.start();
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (errorBody != null) {
                byte[] body = errorBody.getBytes();
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Operation-Location", operationLocation);
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
        elsewhere.stop(0);
    }

    private RemoteOcrSettings settings() {
        return new RemoteOcrSettings(
                URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort()),
                KEY,
                Duration.ofSeconds(5),
                Duration.ofMillis(10),
                Locality.IN_CLUSTER);
    }

    private String elsewhereUrl() {
        return "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/vision/v3.2/read/analyzeResults/abc";
    }

    @Test
    void readNeverFollowsAnOperationLocationOnAnotherPort() {
        operationLocation = elsewhereUrl();
        assertRefused(new ReadOcrClient(settings(), false, HTTP).recognize(new byte[] {1, 2, 3}, "image/png"));
    }

    @Test
    void documentIntelligenceNeverFollowsAnOperationLocationOnAnotherHost() {
        // same port, another host name for the same machine: still another origin
        operationLocation = "http://localhost:" + endpoint.getAddress().getPort()
                + "/documentintelligence/documentModels/prebuilt-read/analyzeResults/abc";
        assertRefused(new DocumentIntelligenceOcrClient(settings(), "prebuilt-read", HTTP)
                .recognize(new byte[] {1, 2, 3}, "image/png"));
        operationLocation = elsewhereUrl();
        assertRefused(new DocumentIntelligenceOcrClient(settings(), "prebuilt-read", HTTP)
                .recognize(new byte[] {1, 2, 3}, "image/png"));
    }

    @Test
    void anErrorBodyThatEchoesTheKeyIsScrubbed() {
        errorBody = "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key "
                + "0123456789abcdef0123456789abcdef. Make sure to provide a valid key (Ocp-Apim-Subscription-Key: "
                + KEY + ")\"}}";
        Throwable failure = HttpFailures.unwrap(catchThrowable(() -> new ReadOcrClient(settings(), false, HTTP)
                .recognize(new byte[] {1}, "image/png")
                .get(10, TimeUnit.SECONDS)));
        assertThat(failure)
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("Access denied due to invalid subscription key")
                .hasMessageNotContaining("0123456789abcdef")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void originsCompareSchemeHostAndPort() {
        assertThat(AsyncOperationPoller.sameOrigin(
                        URI.create("http://127.0.0.1:5000/x"), URI.create("http://127.0.0.1:5000")))
                .isTrue();
        assertThat(AsyncOperationPoller.sameOrigin(
                        URI.create("https://ocr.example.com/x"), URI.create("https://OCR.example.com:443/")))
                .isTrue();
        assertThat(AsyncOperationPoller.sameOrigin(
                        URI.create("http://ocr.example.com:443/x"), URI.create("https://ocr.example.com/")))
                .isFalse();
        assertThat(AsyncOperationPoller.sameOrigin(
                        URI.create("https://ocr.example.com.evil.net/x"), URI.create("https://ocr.example.com/")))
                .isFalse();
        assertThat(AsyncOperationPoller.sameOrigin(
                        URI.create("https://user@ocr.example.com:444/x"), URI.create("https://ocr.example.com/")))
                .isFalse();
    }

    private void assertRefused(CompletableFuture<OcrDocument> recognized) {
        Throwable failure = HttpFailures.unwrap(catchThrowable(() -> recognized.get(10, TimeUnit.SECONDS)));
        assertThat(failure).isInstanceOf(BackendException.class);
        assertThat(((BackendException) failure).kind()).isEqualTo(BackendException.Kind.PERMANENT);
        assertThat(failure.getMessage())
                .contains("Operation-Location points at http://", "not followed")
                .doesNotContain(KEY);
        assertThat(elsewhereCalls).as("the other origin was never called").isEmpty();
    }
}
