package io.aibatch.plan;

import io.aibatch.json.Json;
import io.aibatch.source.ItemSource;
import io.aibatch.store.OutputStore;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 1 of a run: list the source once, streaming every item into the manifest, then split the
 * manifest into slices balanced by bytes. Memory stays flat however many items there are. The
 * plan goes into the job's ExecutionContext (for the partitioner) and next to the manifest (for people).
 */
public final class PlanTasklet implements Tasklet {

    public static final String PLAN_KEY = "aibatch.plan";
    public static final String MANIFEST = RunPlanner.MANIFEST;
    public static final String PLAN_FILE = "_manifest/plan.json";
    /** What the listing skipped, by reason (JSON object), in the job's ExecutionContext: for report.json. */
    public static final String SKIPPED_KEY = "aibatch.skipped";

    private static final Logger log = LoggerFactory.getLogger(PlanTasklet.class);

    private final ItemSource source;
    private final OutputStore store;
    private final int partitions;

    public PlanTasklet(ItemSource source, OutputStore store, int partitions) {
        this.source = source;
        this.store = store;
        this.partitions = partitions;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SlicePlan plan = RunPlanner.plan(source, store, partitions);
        long items = plan.items();
        long bytes = plan.bytes();
        String planJson = Json.MAPPER.writeValueAsString(plan);
        store.write(PLAN_FILE, Json.PRETTY.writeValueAsBytes(plan));
        ExecutionContext jobContext = chunkContext
                .getStepContext()
                .getStepExecution()
                .getJobExecution()
                .getExecutionContext();
        jobContext.putString(PLAN_KEY, planJson);
        contribution.incrementWriteCount(items);
        log.info(
                "planned {} items ({} bytes) from {} into {} slices",
                items,
                bytes,
                source.describe(),
                plan.slices().size());
        Map<String, Long> skipped = source.skipped();
        if (!skipped.isEmpty()) {
            jobContext.putString(SKIPPED_KEY, Json.MAPPER.writeValueAsString(skipped));
            log.warn(
                    "skipped {} entries of {} that are not files to read: {} (see report.json 'skipped')",
                    skipped.values().stream().mapToLong(Long::longValue).sum(),
                    source.describe(),
                    skipped);
        }
        return RepeatStatus.FINISHED;
    }

    /** What the plan's listing skipped, by reason, from the job's ExecutionContext; empty when nothing was. */
    public static Map<String, Long> skipped(ExecutionContext jobContext) {
        String json = jobContext.containsKey(SKIPPED_KEY) ? jobContext.getString(SKIPPED_KEY) : null;
        if (json == null) {
            return Map.of();
        }
        return new java.util.TreeMap<>(
                Json.MAPPER.readValue(json, new tools.jackson.core.type.TypeReference<Map<String, Long>>() {}));
    }

    public static SlicePlan parse(String planJson) {
        return Json.MAPPER.readValue(planJson, SlicePlan.class);
    }
}
