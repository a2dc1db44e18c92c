package io.aibatch.runtime;

import com.sun.net.httpserver.HttpServer;
import io.aibatch.report.RunReport;
import io.aibatch.resilience.BackendExecutor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a run while it lasts: every interval it takes the run's report as of now (every slice's committed
 * numbers, from the job repository, so slices in other processes and pods count too) and
 * <ul>
 *   <li>prints a progress line (done/total, rate, ETA, cost so far): one line per interval in logs, or a line
 *       rewritten in place when the output is a terminal;</li>
 *   <li>keeps Prometheus metrics (Micrometer) current, served on {@code /metrics} while the run lasts when
 *       {@code aibatch.metrics.port} is set;</li>
 *   <li>at the end, pushes the final metrics to a Pushgateway when {@code aibatch.metrics.pushgateway} is set.</li>
 * </ul>
 * Failures here are logged and never change the run's outcome.
 */
public final class RunMonitor {

    private static final Logger log = LoggerFactory.getLogger(RunMonitor.class);
    private static final Duration METRICS_ONLY_INTERVAL = Duration.ofSeconds(10);

    private final AibatchProperties.Metrics metrics;
    private final AibatchProperties.Progress progress;
    private final BackendExecutors backends;
    private final PrintStream console;
    private final boolean terminal;
    private Watch watch;

    public RunMonitor(
            AibatchProperties.Metrics metrics, AibatchProperties.Progress progress, BackendExecutors backends) {
        this(metrics, progress, backends, System.err, System.console() != null);
    }

    RunMonitor(
            AibatchProperties.Metrics metrics,
            AibatchProperties.Progress progress,
            BackendExecutors backends,
            PrintStream console,
            boolean terminal) {
        this.metrics = metrics;
        this.progress = progress;
        this.backends = backends;
        this.console = console;
        this.terminal = terminal;
    }

    /** Starts watching a run; {@code report} gives its report as of now. */
    public synchronized void start(String runId, String job, Supplier<RunReport> report) {
        stopWatch();
        boolean progressOn =
                !progress.interval().isZero() && !progress.interval().isNegative();
        if (!progressOn && metrics.port() <= 0 && metrics.pushgateway().isBlank()) {
            return;
        }
        watch = new Watch(runId, job, report, progressOn);
        try {
            watch.start(progressOn ? progress.interval() : METRICS_ONLY_INTERVAL);
        } catch (IOException e) {
            log.warn("could not serve run metrics on port {}: {}", metrics.port(), e.getMessage());
        }
    }

    /** The run's last report: a last progress line, final metrics, the Pushgateway push; then the endpoint closes. */
    public synchronized void finish(RunReport report) {
        if (watch == null) {
            return;
        }
        if (report == null) {
            stopWatch();
            return;
        }
        watch.update(report, true);
        if (!metrics.pushgateway().isBlank()) {
            push(watch, report);
        }
        stopWatch();
    }

    /** The port the metrics endpoint listens on (0 when none): tests pass port 0 to the server through a free port. */
    public synchronized int metricsPort() {
        return watch == null || watch.server == null
                ? 0
                : watch.server.getAddress().getPort();
    }

    /** Takes the run's report now instead of at the next interval. */
    synchronized void refreshNow() {
        if (watch != null) {
            watch.tick();
        }
    }

    /** The current text exposition (for tests and the endpoint). */
    public synchronized String scrape() {
        return watch == null ? "" : watch.registry.scrape();
    }

    private void stopWatch() {
        if (watch != null) {
            watch.stop();
            watch = null;
        }
    }

    private void push(Watch w, RunReport report) {
        String url = metrics.pushgateway().replaceAll("/+$", "") + "/metrics/job/" + encode(metrics.pushJob()) + "/run/"
                + encode(w.runId);
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                            .PUT(HttpRequest.BodyPublishers.ofString(w.registry.scrape()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                log.warn(
                        "Pushgateway {} answered {} to the run's metrics: {}",
                        metrics.pushgateway(),
                        response.statusCode(),
                        response.body());
            } else {
                log.info("pushed the metrics of run {} to {}", report.runId(), metrics.pushgateway());
            }
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "could not push the metrics of run {} to {}: {}",
                    report.runId(),
                    io.aibatch.engine.SecretScrubber.scrub(metrics.pushgateway()),
                    io.aibatch.engine.SecretScrubber.scrub(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One run's watcher: its registry, timer and endpoint. */
    private final class Watch {
        private final String runId;
        private final Supplier<RunReport> report;
        private final boolean progressOn;
        private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        private final AtomicReference<RunReport> latest = new AtomicReference<>();
        private final Set<String> registeredBackends = ConcurrentHashMap.newKeySet();
        private final Set<String> registeredUnits = ConcurrentHashMap.newKeySet();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "run-monitor");
            thread.setDaemon(true);
            return thread;
        });
        private HttpServer server;
        private boolean lineOpen;

        Watch(String runId, String job, Supplier<RunReport> report, boolean progressOn) {
            this.runId = runId;
            this.report = report;
            this.progressOn = progressOn;
            registry.config().commonTags("run", runId, "job", job);
            register();
        }

        void start(Duration interval) throws IOException {
            long every = Math.max(1000, interval.toMillis());
            timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
            if (metrics.port() > 0) {
                // loopback unless aibatch.metrics.bind opens it: the metrics name runs, inputs and backends
                server = HttpServer.create(new InetSocketAddress(metrics.bind(), metrics.port()), 0);
                server.createContext("/", exchange -> {
                    if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                        exchange.sendResponseHeaders(404, -1);
                        exchange.close();
                        return;
                    }
                    byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "metrics-endpoint");
                    thread.setDaemon(true);
                    return thread;
                }));
                server.start();
                log.info(
                        "run metrics on http://{}:{}/metrics while run {} lasts",
                        metrics.bind(),
                        server.getAddress().getPort(),
                        runId);
            }
        }

        private void tick() {
            try {
                update(report.get(), false);
            } catch (RuntimeException e) {
                log.debug("progress of run {} not available yet: {}", runId, e.getMessage());
            }
        }

        synchronized void update(RunReport current, boolean last) {
            latest.set(current);
            current.backends().keySet().forEach(this::registerBackend);
            current.units().quantities().keySet().forEach(this::registerUnit);
            backends.all().forEach(executor -> registerExecutor(executor));
            if (progressOn) {
                String line = progressLine(current);
                if (terminal) {
                    console.print("\r" + line + " ".repeat(Math.max(0, 10)) + (last ? "\n" : ""));
                    console.flush();
                    lineOpen = !last;
                } else {
                    log.info("{}", line);
                }
            }
        }

        private void register() {
            gauge("aibatch_items_planned", "items the plan listed", Tags.empty(), r -> r.items()
                    .total());
            counter("aibatch_items", "items whose outcome was committed", Tags.of("outcome", "written"), r -> r.items()
                    .written());
            counter(
                    "aibatch_items",
                    "items whose outcome was committed",
                    Tags.of("outcome", "dead_lettered"),
                    r -> r.items().deadLettered());
            gauge(
                    "aibatch_progress_ratio",
                    "items done / items planned",
                    Tags.empty(),
                    r -> r.items().total() == 0
                            ? 0
                            : (double) r.items().read() / r.items().total());
            gauge("aibatch_items_per_second", "items done per wall second", Tags.empty(), RunReport::itemsPerSecond);
            gauge(
                    "aibatch_run_wall_seconds",
                    "wall time of the run's executions",
                    Tags.empty(),
                    RunReport::wallSeconds);
            gauge(
                    "aibatch_run_eta_seconds",
                    "estimated seconds to go at the current rate",
                    Tags.empty(),
                    RunMonitor::eta);
            RunReport.Units.ALWAYS.forEach(this::registerUnit);
            counter("aibatch_bytes", "bytes of the items done", Tags.empty(), r -> r.units()
                    .bytes());
            // NaN while the cluster is not priced: unknown, not zero
            gauge(
                    "aibatch_cost",
                    "cost so far (cluster + metering + API spend), in the price list's currency; NaN when the cluster is not priced",
                    Tags.of("kind", "run"),
                    r -> r.cost() == null
                            ? 0
                            : r.cost().total() == null ? Double.NaN : r.cost().total());
            gauge(
                    "aibatch_cost",
                    "cost so far, in the price list's currency",
                    Tags.of("kind", "cloud_equivalent"),
                    r -> r.cost() == null || r.cost().cloudEquivalent() == null
                            ? 0
                            : r.cost().cloudEquivalent().total());
        }

        /** One counter of the family {@code aibatch_units} per unit, a job's own too, tagged by the unit's snake_case name. */
        private void registerUnit(String unit) {
            if (registeredUnits.add(unit)) {
                counter(
                        "aibatch_units",
                        "units the items produced (what cloud services bill by, and a job's own)",
                        Tags.of("unit", tagValue(unit)),
                        r -> r.units().get(unit));
            }
        }

        private void registerBackend(String backend) {
            if (!registeredBackends.add(backend)) {
                return;
            }
            Tags tags = Tags.of("backend", backend);
            Map<String, ToDoubleFunction<RunReport.Backend>> outcomes = Map.of(
                    "success",
                    RunReport.Backend::successes,
                    "throttled",
                    RunReport.Backend::throttled,
                    "timeout",
                    RunReport.Backend::timeouts,
                    "transient",
                    RunReport.Backend::transientFailures,
                    "permanent",
                    RunReport.Backend::permanentFailures);
            outcomes.forEach((outcome, value) -> counter(
                    "aibatch_backend_calls",
                    "backend attempts by outcome",
                    tags.and("outcome", outcome),
                    r -> backend(r, backend, value)));
            counter(
                    "aibatch_backend_retries",
                    "attempts after an item's first",
                    tags,
                    r -> backend(r, backend, RunReport.Backend::retries));
            Map<String, ToDoubleFunction<RunReport.Backend>> quantiles = Map.of(
                    "0.5",
                    b -> b.latencyMs().p50() / 1000,
                    "0.95",
                    b -> b.latencyMs().p95() / 1000,
                    "0.99",
                    b -> b.latencyMs().p99() / 1000,
                    "1.0",
                    b -> b.latencyMs().max() / 1000);
            quantiles.forEach((q, value) -> gauge(
                    "aibatch_backend_latency_seconds",
                    "latency of successful attempts",
                    tags.and("quantile", q),
                    r -> backend(r, backend, value)));
            gauge(
                    "aibatch_backend_concurrency",
                    "calls in progress at once",
                    tags.and("stat", "mean"),
                    r -> backend(r, backend, b -> b.concurrency().mean()));
            gauge(
                    "aibatch_backend_concurrency",
                    "calls in progress at once",
                    tags.and("stat", "peak"),
                    r -> backend(r, backend, b -> b.concurrency().peak()));
        }

        private void registerExecutor(BackendExecutor executor) {
            if (!registeredBackends.add("executor:" + executor.backend())) {
                return;
            }
            Tags tags = Tags.of("backend", executor.backend());
            Gauge.builder("aibatch_backend_limit", executor, BackendExecutor::limit)
                    .description("the backend's concurrency limit in this JVM now (adaptive)")
                    .tags(tags)
                    .register(registry);
            Gauge.builder("aibatch_backend_in_flight", executor, BackendExecutor::inFlight)
                    .description("calls in progress from this JVM now")
                    .tags(tags)
                    .register(registry);
        }

        private void gauge(String name, String help, Tags tags, ToDoubleFunction<RunReport> value) {
            Gauge.builder(name, latest, ref -> ref.get() == null ? Double.NaN : value.applyAsDouble(ref.get()))
                    .description(help)
                    .tags(tags)
                    .register(registry);
        }

        private void counter(String name, String help, Tags tags, ToDoubleFunction<RunReport> value) {
            FunctionCounter.builder(name, latest, ref -> ref.get() == null ? 0 : value.applyAsDouble(ref.get()))
                    .description(help)
                    .tags(tags)
                    .register(registry);
        }

        void stop() {
            timer.shutdownNow();
            if (server != null) {
                server.stop(0);
            }
            if (lineOpen) {
                console.println();
            }
            registry.close();
        }
    }

    private static double backend(RunReport report, String name, ToDoubleFunction<RunReport.Backend> value) {
        RunReport.Backend backend = report.backends().get(name);
        return backend == null ? 0 : value.applyAsDouble(backend);
    }

    /** audioSeconds → audio_seconds: the label values the units always had (Prometheus' snake_case). */
    static String tagValue(String unit) {
        return unit.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    static double eta(RunReport report) {
        long remaining = report.items().total() - report.items().read();
        return report.itemsPerSecond() <= 0 || remaining <= 0 ? 0 : remaining / report.itemsPerSecond();
    }

    /** {@code run X: 1,234/10,000 items (12.3 %), 45.6 items/s, ETA 3 min 12 s, 3 dead-lettered, cost so far $0.12} */
    static String progressLine(RunReport report) {
        long total = report.items().total();
        long done = report.items().read();
        StringBuilder line =
                new StringBuilder(String.format(Locale.ROOT, "run %s: %,d/%,d items", report.runId(), done, total));
        if (total > 0) {
            line.append(String.format(Locale.ROOT, " (%.1f %%)", 100.0 * done / total));
        }
        line.append(String.format(Locale.ROOT, ", %.1f items/s", report.itemsPerSecond()));
        double eta = eta(report);
        if (eta > 0) {
            line.append(", ETA ").append(duration(eta));
        }
        if (report.items().deadLettered() > 0) {
            line.append(String.format(
                    Locale.ROOT, ", %,d dead-lettered", report.items().deadLettered()));
        }
        if (report.cost() != null) {
            String symbol =
                    "USD".equals(report.cost().currency()) ? "$" : report.cost().currency() + " ";
            line.append(
                    report.cost().total() == null
                            ? String.format(
                                    Locale.ROOT,
                                    ", cost so far unknown (cluster not priced; metering + API %s%.4f)",
                                    symbol,
                                    report.cost().apiSpendTotal())
                            : String.format(
                                    Locale.ROOT,
                                    ", cost so far %s%.4f",
                                    symbol,
                                    report.cost().total()));
        }
        return line.toString();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }
}
