package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Grafana dashboard in k8s-jobs/ queries only metrics a run really exports. */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "k8s-jobs", "dashboards", "aibatch.json");
    private static final Pattern METRIC = Pattern.compile("aibatch_[a-z_]+");

    @Test
    void everyPanelQueriesExportedMetrics() throws Exception {
        BackendExecutors executors = new BackendExecutors(Map.of(), Executors.newSingleThreadScheduledExecutor());
        executors.forBackend("read-container"); // a backend this JVM drives: its live limit and in-flight gauges
        RunMonitor monitor = new RunMonitor(
                new AibatchProperties.Metrics(0, "", "aibatch", "127.0.0.1"),
                new AibatchProperties.Progress(Duration.ofHours(1)),
                executors,
                new PrintStream(new ByteArrayOutputStream(), true),
                false);
        monitor.start("run-1", "document-pipeline", () -> RunMonitorTestReports.report());
        monitor.refreshNow();
        Set<String> exported = new TreeSet<>();
        for (String line : monitor.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exported.add(line.substring(0, line.indexOf('{') > 0 ? line.indexOf('{') : line.indexOf(' ')));
            }
        }
        monitor.finish(RunMonitorTestReports.report());

        JsonNode dashboard = Json.MAPPER.readTree(DASHBOARD.toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                Matcher matcher = METRIC.matcher(target.get("expr").asString());
                while (matcher.find()) {
                    queried.add(matcher.group());
                }
            }
        }
        assertThat(exported).containsAll(queried);
        assertThat(queried)
                .contains(
                        "aibatch_items_total",
                        "aibatch_backend_latency_seconds",
                        "aibatch_cost",
                        "aibatch_progress_ratio");
    }
}
