package io.aibatch.jobs;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.util.Map;
import java.util.TreeMap;

/**
 * A run's job parameters. Only the run id identifies the JobInstance: restarting needs nothing
 * but the id, and the same id can never name two runs.
 *
 * @param options job-specific choices made on the command line (e.g. {@code transcription}), kept as
 *                non-identifying job parameters {@code option.<name>} so that a restart uses the same ones
 */
public record RunParameters(String runId, String input, String output, int partitions, String pipelineVersion,
                            Map<String, String> options) {

    public static final String RUN_ID = "runId";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String PARTITIONS = "partitions";
    public static final String PIPELINE_VERSION = "pipelineVersion";
    public static final String OPTION_PREFIX = "option.";

    public RunParameters {
        options = options == null ? Map.of() : Map.copyOf(new TreeMap<>(options));
    }

    public RunParameters(String runId, String input, String output, int partitions, String pipelineVersion) {
        this(runId, input, output, partitions, pipelineVersion, Map.of());
    }

    /** A job-specific option, or null. */
    public String option(String name) {
        return options.get(name);
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(RUN_ID, runId, true)
                .addString(INPUT, input, false)
                .addString(OUTPUT, output, false)
                .addLong(PARTITIONS, (long) partitions, false)
                .addString(PIPELINE_VERSION, pipelineVersion, false);
        options.forEach((name, value) -> builder.addString(OPTION_PREFIX + name, value, false));
        return builder.toJobParameters();
    }

    public static JobParameters identifying(String runId) {
        return new JobParametersBuilder().addString(RUN_ID, runId, true).toJobParameters();
    }

    public static RunParameters from(JobParameters parameters) {
        Long partitions = parameters.getLong(PARTITIONS);
        Map<String, String> options = new TreeMap<>();
        for (JobParameter<?> p : parameters) {
            if (p.name().startsWith(OPTION_PREFIX) && p.value() instanceof String v) {
                options.put(p.name().substring(OPTION_PREFIX.length()), v);
            }
        }
        return new RunParameters(parameters.getString(RUN_ID), parameters.getString(INPUT), parameters.getString(OUTPUT),
                partitions == null ? 1 : partitions.intValue(), parameters.getString(PIPELINE_VERSION), options);
    }
}
