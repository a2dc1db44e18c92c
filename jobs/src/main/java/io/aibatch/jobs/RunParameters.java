package io.aibatch.jobs;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A run's job parameters. Only the run id identifies the JobInstance: restarting needs nothing
 * but the id, and the same id can never name two runs.
 */
public record RunParameters(String runId, String input, String output, int partitions, String pipelineVersion,
                            String staging, LlmEndpoints llm) {

    public static final String RUN_ID = "runId";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String PARTITIONS = "partitions";
    public static final String PIPELINE_VERSION = "pipelineVersion";
    public static final String STAGING = "staging";
    public static final String LLM_ENDPOINT = "llmEndpoint";
    public static final String CLOUD_LLM_ENDPOINT = "cloudLlmEndpoint";
    public static final String CLOUD_LLM_DEPLOYMENT = "cloudLlmDeployment";

    public RunParameters {
        llm = llm == null ? LlmEndpoints.NONE : llm;
    }

    public RunParameters(String runId, String input, String output, int partitions, String pipelineVersion) {
        this(runId, input, output, partitions, pipelineVersion, null, LlmEndpoints.NONE);
    }

    /**
     * Where the run's files go: manifest, dead-letters, audit trail, report, and results unless {@code output} is a
     * database. That is {@code --staging} when given, else {@code --output}.
     */
    public String files() {
        return staging != null && !staging.isBlank() ? staging : output;
    }

    /**
     * LLM endpoints of a run, kept with its job parameters so a restart routes the same way. Keys never are: they
     * come from the environment.
     *
     * @param inCluster       KAITO/vLLM base URL (--llm-endpoint), or null
     * @param cloud           Azure OpenAI endpoint (--cloud-llm-endpoint), or null
     * @param cloudDeployment Azure OpenAI deployment (--cloud-llm-deployment), or null
     */
    public record LlmEndpoints(String inCluster, String cloud, String cloudDeployment) {
        public static final LlmEndpoints NONE = new LlmEndpoints(null, null, null);
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(RUN_ID, runId, true)
                .addString(INPUT, input, false)
                .addString(OUTPUT, output, false)
                .addLong(PARTITIONS, (long) partitions, false)
                .addString(PIPELINE_VERSION, pipelineVersion, false);
        addIfSet(builder, STAGING, staging);
        addIfSet(builder, LLM_ENDPOINT, llm.inCluster());
        addIfSet(builder, CLOUD_LLM_ENDPOINT, llm.cloud());
        addIfSet(builder, CLOUD_LLM_DEPLOYMENT, llm.cloudDeployment());
        return builder.toJobParameters();
    }

    private static void addIfSet(JobParametersBuilder builder, String key, String value) {
        if (value != null && !value.isBlank()) {
            builder.addString(key, value, false);
        }
    }

    public static JobParameters identifying(String runId) {
        return new JobParametersBuilder().addString(RUN_ID, runId, true).toJobParameters();
    }

    public static RunParameters from(JobParameters parameters) {
        Long partitions = parameters.getLong(PARTITIONS);
        return new RunParameters(parameters.getString(RUN_ID), parameters.getString(INPUT), parameters.getString(OUTPUT),
                partitions == null ? 1 : partitions.intValue(), parameters.getString(PIPELINE_VERSION), parameters.getString(STAGING),
                new LlmEndpoints(parameters.getString(LLM_ENDPOINT), parameters.getString(CLOUD_LLM_ENDPOINT),
                        parameters.getString(CLOUD_LLM_DEPLOYMENT)));
    }
}
