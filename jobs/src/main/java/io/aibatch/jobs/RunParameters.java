package io.aibatch.jobs;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A run's job parameters. Only the run id identifies the JobInstance: restarting needs nothing
 * but the id, and the same id can never name two runs.
 */
public record RunParameters(String runId, String input, String output, int partitions, String pipelineVersion) {

    public static final String RUN_ID = "runId";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String PARTITIONS = "partitions";
    public static final String PIPELINE_VERSION = "pipelineVersion";

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString(RUN_ID, runId, true)
                .addString(INPUT, input, false)
                .addString(OUTPUT, output, false)
                .addLong(PARTITIONS, (long) partitions, false)
                .addString(PIPELINE_VERSION, pipelineVersion, false)
                .toJobParameters();
    }

    public static JobParameters identifying(String runId) {
        return new JobParametersBuilder().addString(RUN_ID, runId, true).toJobParameters();
    }

    public static RunParameters from(JobParameters parameters) {
        Long partitions = parameters.getLong(PARTITIONS);
        return new RunParameters(parameters.getString(RUN_ID), parameters.getString(INPUT), parameters.getString(OUTPUT),
                partitions == null ? 1 : partitions.intValue(), parameters.getString(PIPELINE_VERSION));
    }
}
