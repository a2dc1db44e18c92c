package io.aibatch.runtime.incremental;

import io.aibatch.incremental.PendingWatermark;
import io.aibatch.incremental.Watermark;
import io.aibatch.runtime.RunParameters;
import io.aibatch.store.Locations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The last step of every run; for an incremental run it stores the watermark its plan computed. Being a step after
 * {@code process} is what makes the watermark advance only when every slice completed: a failed or stopped run
 * leaves it where it was, and the restart that completes the run runs this step and stores it.
 */
public final class WatermarkTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(WatermarkTasklet.class);

    private final WatermarkStore store;

    public WatermarkTasklet(WatermarkStore store) {
        this.store = store;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RunParameters run = RunParameters.from(
                chunkContext.getStepContext().getStepExecution().getJobParameters());
        if (!run.sinceLastSuccess()) {
            return RepeatStatus.FINISHED;
        }
        PendingWatermark pending = PendingWatermark.read(Locations.output(run.files()));
        Watermark stored = store.advance(pending.job(), pending.source(), pending.watermark());
        log.info(
                "watermark of {} on {} advanced by run {}: next run lists items modified since {}, skipping {} versions"
                        + " already processed at the boundary",
                pending.job(),
                pending.source(),
                run.runId(),
                stored.since(),
                stored.boundary().size());
        return RepeatStatus.FINISHED;
    }
}
