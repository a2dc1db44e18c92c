package io.aibatch.jobs;

import io.aibatch.json.Json;
import io.aibatch.source.SourceFilter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A run's job parameters. Only the run id identifies the JobInstance: restarting needs nothing
 * but the id, and the same id can never name two runs.
 */
public record RunParameters(String runId, String input, String output, int partitions, String pipelineVersion,
                            SourceFilter sourceFilter) {

    public static final String RUN_ID = "runId";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String PARTITIONS = "partitions";
    public static final String PIPELINE_VERSION = "pipelineVersion";
    /** The listing filter as JSON: part of the run, so a restarted plan lists exactly what the first one did. */
    public static final String SOURCE_FILTER = "sourceFilter";

    public RunParameters {
        sourceFilter = sourceFilter == null ? SourceFilter.none() : sourceFilter;
    }

    /** A run that takes every item of its input. */
    public RunParameters(String runId, String input, String output, int partitions, String pipelineVersion) {
        this(runId, input, output, partitions, pipelineVersion, SourceFilter.none());
    }

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString(RUN_ID, runId, true)
                .addString(INPUT, input, false)
                .addString(OUTPUT, output, false)
                .addLong(PARTITIONS, (long) partitions, false)
                .addString(PIPELINE_VERSION, pipelineVersion, false)
                .addString(SOURCE_FILTER, Json.MAPPER.writeValueAsString(sourceFilter), false)
                .toJobParameters();
    }

    public static JobParameters identifying(String runId) {
        return new JobParametersBuilder().addString(RUN_ID, runId, true).toJobParameters();
    }

    public static RunParameters from(JobParameters parameters) {
        Long partitions = parameters.getLong(PARTITIONS);
        String filter = parameters.getString(SOURCE_FILTER);
        return new RunParameters(parameters.getString(RUN_ID), parameters.getString(INPUT), parameters.getString(OUTPUT),
                partitions == null ? 1 : partitions.intValue(), parameters.getString(PIPELINE_VERSION),
                filter == null ? SourceFilter.none() : Json.MAPPER.readValue(filter, SourceFilter.class));
    }
}
