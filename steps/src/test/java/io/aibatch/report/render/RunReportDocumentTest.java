package io.aibatch.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cost.CostModel;
import io.aibatch.cost.PoolUsage;
import io.aibatch.cost.PriceList;
import io.aibatch.report.RunReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportDocumentTest {

    private static final Instant START = Instant.parse("2026-12-04T10:00:00.123456Z");

    @Test
    void anUnpricedClusterClaimsNoCostAndNoSavings() throws Exception {
        RunReport report = priced(null);

        String answer = RunReportDocument.answer(report);
        String markdown = MarkdownRenderer.render(RunReportDocument.of(report));

        assertThat(answer)
                .contains("Cost: cluster cost not configured: set aibatch.cost.pools or sampling")
                .doesNotContain("saved", "$0.00");
        assertThat(markdown)
                .contains(
                        "unknown (cluster cost not configured: set aibatch.cost.pools or sampling)",
                        "Break-even: unknown")
                .doesNotContain("savings (cloud equivalent");
    }

    @Test
    void theCostChartShowsThisRunFirstAndTheAlternativesInGrey() throws Exception {
        RunReport report =
                priced(List.of(new PoolUsage("read", "Standard_NV36ads_A10_v5", true, 1, 0.01, "configured")));

        String html = HtmlRenderer.render(RunReportDocument.of(report));

        String chart = html.substring(html.indexOf("aria-label='Cost of this run and its alternatives"));
        chart = chart.substring(0, chart.indexOf("</svg>"));
        assertThat(chart.indexOf("THIS RUN: total")).isPositive().isLessThan(chart.indexOf("alternative: "));
        assertThat(chart).contains("fill='" + SvgChart.PALETTE[SvgChart.SECONDARY] + "'><title>alternative: ");
        assertThat(RunReportDocument.answer(report)).contains("this run saved");
    }

    @Test
    void throughputIsARollingRateWithTheWarmUpMarkedAndTheSteadyRateNextToTheAverage() throws Exception {
        RunReport report = priced(null);
        String html = HtmlRenderer.render(RunReportDocument.of(report));
        String markdown = MarkdownRenderer.render(RunReportDocument.of(report));

        assertThat(html)
                .contains(
                        "aria-label='Throughput (10 s rolling rate)'",
                        "aria-label='Items completed (cumulative)'",
                        ">warm-up ends<");
        assertThat(markdown)
                .contains(
                        "| items per second (wall-clock average) | 0.67 |",
                        "| items per second (steady state, after warm-up) | 2 |",
                        "| started | 2026-12-04 10:00:00Z |");
        assertThat(RunReportDocument.answer(report))
                .contains("0.67 items/s over the wall time, 2 items/s steady after a 20.0 s warm-up");
    }

    @Test
    void languageModelTokensAreShownByRouteWithTheirCostSideBySide() throws Exception {
        RunReport report = priced(
                null,
                Map.of(
                        "tokensIn", 4_000_000.0,
                        "tokensOut", 400_000.0,
                        "cloudTokensIn", 1_000_000.0,
                        "cloudTokensOut", 100_000.0,
                        "batchTokensIn", 2_000_000.0,
                        "batchTokensOut", 200_000.0),
                List.of(
                        CostModel.EngineRun.cloud("azure-openai"),
                        CostModel.EngineRun.cloudBatch("azure-openai-batch")));

        String markdown = MarkdownRenderer.render(RunReportDocument.of(report));
        String html = HtmlRenderer.render(RunReportDocument.of(report));
        String json = io.aibatch.json.Json.MAPPER.writeValueAsString(report);

        assertThat(markdown)
                .contains(
                        "| route | tokens in | tokens out | cost |",
                        "| in-cluster | 1,000,000 | 100,000 | in the cluster cost |",
                        "| cloud real-time | 1,000,000 | 100,000 | $0.56 |",
                        "| cloud batch | 2,000,000 | 200,000 | $0.56 |",
                        "| azure-openai-batch | cloud | tokensIn | 2,000,000 | Azure OpenAI GPT-4.1-mini input (Global Batch");
        assertThat(html).contains("<td>cloud batch</td>");
        assertThat(json)
                .contains("\"languageModel\":[{\"route\":\"in-cluster\"")
                .contains("{\"route\":\"cloud batch\",\"tokensIn\":2000000,\"tokensOut\":200000,\"cost\":0.56}");
    }

    /** 20 items: nothing for 20 s (warm-up), then 2 a second for 10 s. */
    private static RunReport priced(List<PoolUsage> pools) throws Exception {
        return priced(pools, Map.of("pages", 20.0), List.of());
    }

    private static RunReport priced(List<PoolUsage> pools, Map<String, Double> units, List<CostModel.EngineRun> engines)
            throws Exception {
        List<Long> completed = new ArrayList<>();
        List<Long> dead = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            completed.add(2L);
            dead.add(0L);
        }
        RunReport report = new RunReport(
                "r",
                "document-pipeline",
                "COMPLETED",
                "in",
                "out",
                1,
                START,
                START.plusSeconds(30),
                30,
                0.667,
                new RunReport.Items(20, 20, 20, 0),
                new RunReport.Units(0, units, 0.667),
                List.of(),
                null,
                null,
                Map.of(),
                new RunReport.Timeline(
                        START.plusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), 1, completed, dead),
                null,
                null,
                null,
                new RunReport.SteadyState("until the first committed item", START.plusSeconds(20), 20, 0, 20, 2.0),
                null,
                Map.of());
        CostModel model = new CostModel(PriceList.load(Path.of("../config/pricing.yaml")));
        return model.price(report, pools, engines, 2.0);
    }
}
