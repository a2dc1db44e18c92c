package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aibatch.cost.CostModel;
import io.aibatch.cost.PriceList;
import io.aibatch.report.RunReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link BudgetGuard}'s projection with requests waiting for a cloud batch, whose spend the report does not have yet. */
class BudgetProjectionTest {

    @Test
    void requestsWaitingForABatchCountInFullAndInTheSpendPerItemOfWhatIsStillToCome() throws Exception {
        // 12 items planned: 4 read (in-cluster, no API spend), 5 waiting for a batch estimated at $0.001, 3 to come
        RunReport report = report(12, 4);

        RunReport.Budget budget = BudgetGuard.assess(report, 0.0012, 12, new BudgetGuard.Committed(5, 0.001));

        assertThat(budget.spentUsd()).isZero();
        // $0.001 waiting + the 3 items still to come at ($0 + $0.001) / 9 handled items each
        assertThat(budget.projectedUsd()).isCloseTo(0.001 + 3 * 0.001 / 9, within(1e-4));
        assertThat(budget.projectedUsd()).isGreaterThan(budget.limitUsd()); // the guard stops here
        assertThat(budget.note()).contains("5 request(s) waiting for a cloud batch");

        // without them (real-time mode, or the old projection) nothing would be projected at all
        assertThat(BudgetGuard.assess(report, 0.0012, 12, BudgetGuard.Committed.NONE)
                        .projectedUsd())
                .isZero();
    }

    private static RunReport report(long total, long read) throws Exception {
        Instant start = Instant.parse("2026-12-06T01:00:00Z");
        RunReport report = new RunReport(
                "r",
                "document-pipeline",
                "STARTED",
                "in",
                "out",
                1,
                start,
                start.plusSeconds(10),
                10,
                read / 10.0,
                new RunReport.Items(total, read, read, 0),
                new RunReport.Units(0, Map.of("tokensIn", 4000.0, "tokensOut", 400.0), 0),
                List.of(),
                null,
                null,
                Map.of(),
                new RunReport.Timeline(start, 1, List.of(), List.of()),
                null,
                null,
                null,
                null,
                null,
                Map.of());
        CostModel model = new CostModel(PriceList.load(Path.of("../config/pricing.yaml")));
        return model.price(report, null, List.of(CostModel.EngineRun.cloudBatch("azure-openai-batch")), 0.4);
    }
}
