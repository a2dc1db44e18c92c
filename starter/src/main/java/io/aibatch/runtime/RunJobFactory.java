package io.aibatch.runtime;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;

/**
 * Every job has the same shape: plan, then process the planned slices in parallel, then collect what waited for cloud
 * batches, then check the dead-letter ratio, then store the watermark (an
 * incremental run's; a no-op for others), then report.
 */
public final class RunJobFactory {

    /** Lists the input into the manifest and cuts it into slices. */
    public static final String PLAN_STEP = "plan";
    /** Each slice runs as a step execution named {@code worker:slice-NNNN}. */
    public static final String WORKER_STEP = "worker";

    public static final String PROCESS_STEP = "process";
    public static final String WATERMARK_STEP = "watermark";
    public static final String DEAD_LETTER_CHECK_STEP = "dead-letter-check";
    /** Waits for the run's cloud batches and writes their items ({@code --cloud-llm-mode batch}; a no-op otherwise). */
    public static final String COLLECT_STEP = "collect";

    private final JobRepository jobRepository;
    private final Step planStep;
    private final Step processStep;
    private final Step collectStep;
    private final Step deadLetterCheckStep;
    private final Step watermarkStep;
    private final RunReportListener reportListener;
    private final GracefulShutdown gracefulShutdown;
    private final Heartbeats heartbeats;

    public RunJobFactory(
            JobRepository jobRepository,
            Step planStep,
            Step processStep,
            Step collectStep,
            Step deadLetterCheckStep,
            Step watermarkStep,
            RunReportListener reportListener,
            GracefulShutdown gracefulShutdown,
            Heartbeats heartbeats) {
        this.heartbeats = heartbeats;
        this.jobRepository = jobRepository;
        this.planStep = planStep;
        this.processStep = processStep;
        this.collectStep = collectStep;
        this.deadLetterCheckStep = deadLetterCheckStep;
        this.watermarkStep = watermarkStep;
        this.reportListener = reportListener;
        this.gracefulShutdown = gracefulShutdown;
    }

    public Job create(String jobName) {
        return new JobBuilder(jobName, jobRepository)
                .start(planStep)
                .next(processStep)
                .next(collectStep)
                .next(deadLetterCheckStep)
                .next(watermarkStep)
                .listener(gracefulShutdown)
                // the heartbeat stops only after the report is written (after-job listeners run in reverse order)
                .listener(heartbeats)
                .listener(reportListener)
                .build();
    }
}
