package io.aibatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.cost.CostModel;
import io.aibatch.cost.PriceList;
import io.aibatch.cost.RunCost;
import io.aibatch.item.WorkItem;
import io.aibatch.json.Json;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.Units;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;

/**
 * A unit only a job knows ({@code fieldsExtracted}; no main code names it) flows from its items through the slice
 * counters (across a restart), the report and the cost model, priced by an entry the job contributes as
 * {@code META-INF/aibatch/pricing/*.yaml} (src/test/resources) next to the user's config/pricing.yaml.
 */
class OpenUnitsTest {

    private static final String FIELDS = "fieldsExtracted";
    private static final Path USER_PRICING = Path.of("../config/pricing.yaml");
    private static final Instant NOW = Instant.parse("2026-12-04T10:01:40Z");

    @Test
    void aJobsOwnUnitIsCountedReportedAndPriced() throws Exception {
        // slice 1: two items, then the process dies after the commit; the restarted slice resumes from its saved
        // context
        ExecutionContext first = new ExecutionContext();
        SliceCounters counters = new SliceCounters();
        counters.restore(first);
        counters.add(List.of(
                processed("a", Units.of(FIELDS, 5).plus(Units.pages(2))),
                new ItemOutcome.DeadLettered(item("b"), "invalid-output", "not JSON", 3)));
        counters.save(first);
        ExecutionContext restarted = throughTheJobRepository(first);
        SliceCounters resumed = new SliceCounters();
        resumed.restore(restarted);
        assertThat(resumed.units().get(FIELDS)).as("restored from the context").isEqualTo(5);
        resumed.add(List.of(processed("c", Units.of(FIELDS, 7).plus(Units.pages(1)))));
        resumed.save(restarted);
        // slice 2 ran elsewhere
        ExecutionContext second = new ExecutionContext();
        SliceCounters other = new SliceCounters();
        other.restore(second);
        other.add(List.of(processed("d", Units.of(FIELDS, 2))));
        other.save(second);

        RunReport report = report(throughTheJobRepository(restarted), throughTheJobRepository(second));
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(report));
        assertThat(json.at("/units/" + FIELDS).asDouble()).isEqualTo(14);
        assertThat(json.at("/units/pages").asLong()).isEqualTo(3);
        assertThat(json.at("/units/pages").isIntegralNumber())
                .as("whole amounts stay integers, as report.json had them")
                .isTrue();
        assertThat(json.get("units").propertyNames())
                .startsWith("bytes", "pages", "audioSeconds")
                .endsWith("pagesPerSecond");
        assertThat(json.at("/units/bytes").asLong()).isEqualTo(40);
        assertThat(json.get("units").has("audioSeconds"))
                .as("the keys report.json always had stay, 0 when unused")
                .isTrue();
        assertThat(json.at("/units/audioSeconds").asDouble()).isZero();
        assertThat(json.at("/items/written").asLong()).isEqualTo(3);
        RunReport readBack = Json.MAPPER.readValue(json.toString(), RunReport.class);
        assertThat(readBack.units()).as("compare reads reports back").isEqualTo(report.units());

        PriceList prices;
        try (InputStream user = Files.newInputStream(USER_PRICING)) {
            prices = PriceList.load(user, USER_PRICING.toString(), getClass().getClassLoader());
        }
        assertThat(prices.source()).contains("config/pricing.yaml", "field-extraction-test.yaml");
        assertThat(prices.services().get("vision-read").name())
                .as("the user's file wins a duplicate key")
                .isEqualTo("Azure AI Vision Read (OCR)");
        RunReport priced = new CostModel(prices)
                .price(
                        report,
                        List.of(),
                        List.of(
                                CostModel.EngineRun.cloud("cloud-field-extractor"),
                                CostModel.EngineRun.cloud("cloud-shipment-tracker")),
                        1.0);
        RunCost cost = priced.cost();
        RunCost.Line equivalent = cost.cloudEquivalent().lines().stream()
                .filter(l -> l.unit().equals(FIELDS))
                .findFirst()
                .orElseThrow();
        assertThat(equivalent.quantity()).isEqualTo(14);
        assertThat(equivalent.cost()).isEqualTo(0.14); // 14 / 1,000 × $10
        assertThat(equivalent.price()).isEqualTo("$10.00 / 1,000 fieldsExtracted");
        assertThat(cost.cloudEquivalent().lines())
                .as("a priced unit the run produced none of has no line, and no error")
                .noneMatch(l -> l.unit().equals("shipmentsTracked"));
        assertThat(cost.apiSpend())
                .extracting(RunCost.Line::service, RunCost.Line::quantity, RunCost.Line::cost)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cloud-field-extraction", 14.0, 0.14),
                        org.assertj.core.groups.Tuple.tuple("cloud-shipment-tracking", 0.0, 0.0));
        assertThat(cost.apiSpendTotal()).isEqualTo(0.14);
        assertThat(priced.prices().used()).extracting(p -> p.key()).contains("cloud-field-extraction");
    }

    @Test
    void slicesSavedByAnEarlierVersionKeepTheirUnits() {
        ExecutionContext old = new ExecutionContext();
        old.putLong("stats.pages", 4);
        old.putLong("stats.audioMillis", 1500);
        old.putLong("stats.cloudTokensIn", 9);
        SliceCounters counters = new SliceCounters();
        counters.restore(old);
        counters.add(List.of(processed("e", Units.pages(1))));
        counters.save(old);

        assertThat(SliceCounters.units(old).quantities())
                .isEqualTo(Map.of("pages", 5.0, "audioSeconds", 1.5, "cloudTokensIn", 9.0));
        assertThat(old.containsKey("stats.pages"))
                .as("counted once, under the new key")
                .isFalse();
    }

    @Test
    void aUnitCannotTakeANameOfTheReportsOwnNumbers() {
        assertThatThrownBy(() -> Units.of("bytes", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bytes'");
        assertThatThrownBy(() -> Units.of("fields-extracted", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("camelCase");
    }

    @Test
    void aContributionInAnotherCurrencyOrUnreadableIsRefusedNamingItsFile(@TempDir Path dir) throws Exception {
        Path pricing = Files.createDirectories(dir.resolve("META-INF/aibatch/pricing"));
        Files.writeString(
                pricing.resolve("euro-job.yaml"),
                """
                currency: EUR
                services:
                  x: {name: x, unit: fieldsExtracted, per: 1, price: 1, source: s, date: d, verified: true}
                """);
        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("euro-job.yaml")
                .hasMessageContaining("EUR")
                .hasMessageContaining("USD");

        Files.delete(pricing.resolve("euro-job.yaml"));
        Files.writeString(pricing.resolve("broken-job.yaml"), "services: [not, a, map");
        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken-job.yaml");

        Files.writeString(
                pricing.resolve("broken-job.yaml"),
                """
                equivalents:
                  fieldsExtracted: [no-such-service]
                """);
        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-service");

        Files.writeString(
                pricing.resolve("broken-job.yaml"),
                """
                services:
                  x: {name: x, unit: fields-extracted, per: 1, price: 1, source: s, date: d, verified: true}
                """);
        assertThatThrownBy(() -> load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken-job.yaml")
                .hasMessageContaining("'fields-extracted'");
    }

    private static PriceList load(Path classpathRoot) throws Exception {
        try (URLClassLoader loader =
                        new URLClassLoader(new URL[] {classpathRoot.toUri().toURL()}, null);
                InputStream user = Files.newInputStream(USER_PRICING)) {
            return PriceList.load(user, USER_PRICING.toString(), loader);
        }
    }

    /** The run's report from its slices' contexts, as the job repository holds them. */
    private static RunReport report(ExecutionContext... slices) {
        JobExecution execution = new JobExecution(1, new JobInstance(1, "field-extraction"), new JobParameters());
        execution.setStartTime(LocalDateTime.ofInstant(NOW.minusSeconds(100), ZoneId.systemDefault()));
        for (int i = 0; i < slices.length; i++) {
            StepExecution step = new StepExecution(10 + i, "worker:slice-" + i, execution);
            step.setExecutionContext(slices[i]);
            execution.addStepExecution(step);
        }
        return new RunReportBuilder("worker").build("run-1", List.of(execution), execution, NOW);
    }

    /** Saved and read back by Spring Batch's JSON context serializer, as a restart finds it. */
    private static ExecutionContext throughTheJobRepository(ExecutionContext context) throws Exception {
        JacksonExecutionContextStringSerializer serializer = new JacksonExecutionContextStringSerializer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.serialize(context.toMap(), out);
        return new ExecutionContext(serializer.deserialize(new ByteArrayInputStream(out.toByteArray())));
    }

    private static ItemOutcome.Processed processed(String id, Units units) {
        return new ItemOutcome.Processed(item(id), Map.of("id", id), units);
    }

    private static WorkItem item(String id) {
        return new WorkItem(id, "file:///in/" + id, id, 10, Instant.EPOCH, null);
    }
}
