package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.aibatch.report.RunReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Progress lines, the /metrics endpoint while a run lasts, and the Pushgateway push at its end. */
class RunMonitorTest {

    @Test
    void servesMetricsWhileTheRunLastsAndPushesTheFinalOnes() throws Exception {
        List<String> pushes = new CopyOnWriteArrayList<>();
        List<String> pushPaths = new CopyOnWriteArrayList<>();
        HttpServer pushgateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pushgateway.createContext("/", exchange -> {
            pushPaths.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            pushes.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        pushgateway.setExecutor(Executors.newSingleThreadExecutor());
        pushgateway.start();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunMonitor monitor = new RunMonitor(
                new AibatchProperties.Metrics(
                        port, "http://127.0.0.1:" + pushgateway.getAddress().getPort(), "aibatch", "127.0.0.1"),
                new AibatchProperties.Progress(Duration.ofSeconds(1)),
                new BackendExecutors(Map.of(), Executors.newSingleThreadScheduledExecutor()),
                new PrintStream(console, true, StandardCharsets.UTF_8),
                true);
        AtomicReference<RunReport> now = new AtomicReference<>(report(250, 10, 4.0));
        try {
            monitor.start("run-1", "document-pipeline", now::get);
            Thread.sleep(1500);
            String scraped = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(scraped)
                    .contains("aibatch_items_total{job=\"document-pipeline\",outcome=\"written\",run=\"run-1\"} 240.0");
            assertThat(scraped).contains("aibatch_items_planned{job=\"document-pipeline\",run=\"run-1\"} 1000.0");
            assertThat(scraped)
                    .contains(
                            "aibatch_backend_calls_total{backend=\"read-container\",job=\"document-pipeline\",outcome=\"throttled\",run=\"run-1\"} 7.0");
            assertThat(scraped)
                    .contains(
                            "aibatch_backend_latency_seconds{backend=\"read-container\",job=\"document-pipeline\",quantile=\"0.99\",run=\"run-1\"} 0.3");
            // nothing but /metrics, and only on loopback
            for (String path : List.of("/", "/metrics/", "/metricsx", "/metrics/../admin", "/actuator/env")) {
                assertThat(HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .as(path)
                        .isEqualTo(404);
            }
            java.net.InetAddress external = externalAddress();
            if (external != null) {
                assertThatThrownBy(() -> new java.net.Socket(external, port).close())
                        .as("bound to 127.0.0.1 only")
                        .isInstanceOf(java.net.ConnectException.class);
            }

            monitor.finish(report(1000, 12, 5.0));
        } finally {
            pushgateway.stop(0);
        }
        assertThat(pushPaths).containsExactly("PUT /metrics/job/aibatch/run/run-1");
        assertThat(pushes.get(0))
                .contains("aibatch_items_total{job=\"document-pipeline\",outcome=\"written\",run=\"run-1\"} 988.0");
        // the endpoint is gone with the run
        assertThat(monitor.metricsPort()).isZero();
        String progress = console.toString(StandardCharsets.UTF_8);
        assertThat(progress)
                .contains("run run-1: 250/1,000 items (25.0 %), 4.0 items/s, ETA 3 min 08 s, 10 dead-lettered");
        assertThat(progress).contains("run run-1: 1,000/1,000 items (100.0 %)").endsWith("\n");
    }

    /** A non-loopback address of this machine, or null when it has none. */
    private static java.net.InetAddress externalAddress() throws java.net.SocketException {
        for (java.net.NetworkInterface nic :
                java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
                    return address;
                }
            }
        }
        return null;
    }

    @Test
    void plainLinesWhenTheOutputIsNotATerminal() {
        assertThat(RunMonitor.progressLine(report(50, 0, 0.5)))
                .isEqualTo("run run-1: 50/1,000 items (5.0 %), 0.5 items/s, ETA 31 min 40 s");
    }

    @Test
    void anUnpricedClusterIsShownAsUnknownCostNotAsNull() throws Exception {
        io.aibatch.cost.CostModel model = new io.aibatch.cost.CostModel(
                io.aibatch.cost.PriceList.load(java.nio.file.Path.of("../config/pricing.yaml")));
        RunReport report = model.price(
                report(50, 0, 0.5), null, List.of(io.aibatch.cost.CostModel.EngineRun.cloud("read-container")), 0.5);

        assertThat(RunMonitor.progressLine(report))
                .endsWith(", cost so far unknown (cluster not priced; metering + API $0.0750)")
                .doesNotContain("null");
    }

    @Test
    void everyUnitIsACounterOfOneFamilyTaggedByItsName() {
        RunMonitor monitor = new RunMonitor(
                new AibatchProperties.Metrics(0, "", "aibatch", "127.0.0.1"),
                new AibatchProperties.Progress(Duration.ofHours(1)),
                new BackendExecutors(Map.of(), Executors.newSingleThreadScheduledExecutor()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                true);
        RunReport base = report(50, 0, 0.5);
        AtomicReference<RunReport> now = new AtomicReference<>(base);
        monitor.start("run-1", "field-extraction", now::get);
        try {
            monitor.refreshNow();
            assertThat(monitor.scrape())
                    .contains("aibatch_units_total{job=\"field-extraction\",run=\"run-1\",unit=\"pages\"} 50.0")
                    .contains("aibatch_units_total{job=\"field-extraction\",run=\"run-1\",unit=\"audio_seconds\"} 0.0")
                    .doesNotContain("fields_extracted");
            // a unit only the job knows appears once its items produce it
            now.set(new RunReport(
                    base.runId(),
                    base.job(),
                    base.status(),
                    base.input(),
                    base.output(),
                    1,
                    base.startTime(),
                    base.endTime(),
                    base.wallSeconds(),
                    base.itemsPerSecond(),
                    base.items(),
                    new RunReport.Units(0, Map.of("pages", 50.0, "fieldsExtracted", 420.0), 0.5),
                    List.of(),
                    null,
                    null));
            monitor.refreshNow();
            assertThat(monitor.scrape())
                    .contains(
                            "aibatch_units_total{job=\"field-extraction\",run=\"run-1\",unit=\"fields_extracted\"} 420.0");
        } finally {
            monitor.finish(null);
        }
        assertThat(RunMonitor.tagValue("cloudTokensIn")).isEqualTo("cloud_tokens_in");
    }

    static RunReport report(long read, long dead, double rate) {
        RunReport.Latency latency = new RunReport.Latency(read, 100, 150, 200, 300, 400, 120, List.of());
        RunReport.Backend backend = new RunReport.Backend(
                read + 7,
                read,
                7,
                7,
                0,
                0,
                0,
                0,
                latency,
                new RunReport.Concurrency(3, 5, Instant.now(), 1, List.of()));
        return new RunReport(
                "run-1",
                "document-pipeline",
                "STARTED",
                "in",
                "out",
                1,
                Instant.now(),
                Instant.now(),
                read / rate,
                rate,
                new RunReport.Items(1000, read, read - dead, dead),
                new RunReport.Units(0, Map.of("pages", (double) read), rate),
                List.of(),
                null,
                null,
                Map.of("read-container", backend),
                RunReport.Timeline.EMPTY,
                null,
                null);
    }
}
