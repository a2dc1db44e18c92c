package io.aibatch.runtime;

import io.aibatch.json.Json;
import io.aibatch.reprocess.ReprocessSelection;
import io.aibatch.source.SourceFilter;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A run's job parameters. Only the run id identifies the JobInstance: restarting needs nothing
 * but the id, and the same id can never name two runs. Engine choices ({@code --ocr}, endpoints, ...)
 * travel as options, so that a restart, a worker process or a pod uses exactly what the run started with.
 * Keys and passwords never do: they come from the environment.
 */
public record RunParameters(
        String runId,
        String input,
        String output,
        int partitions,
        String pipelineVersion,
        Map<String, String> options) {

    public static final String RUN_ID = "runId";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String PARTITIONS = "partitions";
    public static final String PIPELINE_VERSION = "pipelineVersion";
    public static final String STAGING = "staging";
    public static final String LLM_ENDPOINT = "llm-endpoint";
    /** {@code auto}, {@code in-cluster} or {@code cloud}: where the --llm-endpoint runs (default aibatch.llm.locality). */
    public static final String LLM_LOCALITY = "llm-locality";

    public static final String CLOUD_LLM_ENDPOINT = "cloud-llm-endpoint";
    public static final String CLOUD_LLM_DEPLOYMENT = "cloud-llm-deployment";
    /** Location (directory or blob URL) of a comparison's {@link io.aibatch.routing.ClearedItems}: the only items a cloud engine may get. */
    public static final String CLEARED_ITEMS = "clearedItems";
    /** The listing filter as JSON: part of the run, so a restarted plan lists exactly what the first one did. */
    public static final String SOURCE_FILTER = "sourceFilter";
    /** {@code run --since-last-success}: plan only what is new or changed since the (job, input) watermark. */
    public static final String SINCE_LAST_SUCCESS = "sinceLastSuccess";
    /** {@code reprocess}: the selectors as JSON, so a restarted plan selects what the first one did. */
    public static final String SELECTION = "selection";

    private static final String OPTION_PREFIX = "option.";

    public RunParameters {
        options = Map.copyOf(new TreeMap<>(options));
    }

    public RunParameters(String runId, String input, String output, int partitions, String pipelineVersion) {
        this(runId, input, output, partitions, pipelineVersion, Map.of());
    }

    /** The job parameter that carries option {@code name}. */
    public static String optionKey(String name) {
        return OPTION_PREFIX + name;
    }

    /** A job-specific option, or null. */
    public @Nullable String option(String name) {
        return options.get(name);
    }

    /** An engine option, or {@code fallback} when the run was started without it. */
    public @Nullable String option(String name, @Nullable String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** The listing filter the run was started with. */
    public SourceFilter sourceFilter() {
        String json = option(SOURCE_FILTER, null);
        return json == null ? SourceFilter.none() : Json.MAPPER.readValue(json, SourceFilter.class);
    }

    /** The option that records {@code filter}. */
    public static Map.Entry<String, String> sourceFilterOption(SourceFilter filter) {
        return Map.entry(SOURCE_FILTER, Json.MAPPER.writeValueAsString(filter));
    }

    /** True for an incremental run ({@code --since-last-success}). */
    public boolean sinceLastSuccess() {
        return Boolean.parseBoolean(option(SINCE_LAST_SUCCESS, "false"));
    }

    /** The selectors of a {@code reprocess} run, or null for any other run. */
    public @Nullable ReprocessSelection selection() {
        String json = option(SELECTION, null);
        return json == null ? null : Json.MAPPER.readValue(json, ReprocessSelection.class);
    }

    /** The option that records a reprocess run's {@code selection}. */
    public static Map.Entry<String, String> selectionOption(ReprocessSelection selection) {
        return Map.entry(SELECTION, Json.MAPPER.writeValueAsString(selection));
    }

    /** {@code --staging}, or null. */
    public @Nullable String staging() {
        return option(STAGING, null);
    }

    /**
     * Where the run's files go: manifest, dead-letters, audit trail, report, and results unless {@code output} is a
     * database. That is {@code --staging} when given, else {@code --output}.
     */
    public String files() {
        String staging = staging();
        return staging != null && !staging.isBlank() ? staging : output;
    }

    public LlmEndpoints llm() {
        return new LlmEndpoints(
                option(LLM_ENDPOINT, null), option(CLOUD_LLM_ENDPOINT, null), option(CLOUD_LLM_DEPLOYMENT, null));
    }

    /**
     * LLM endpoints of a run.
     *
     * @param inCluster       KAITO/vLLM base URL (--llm-endpoint), or null
     * @param cloud           Azure OpenAI endpoint (--cloud-llm-endpoint), or null
     * @param cloudDeployment Azure OpenAI deployment (--cloud-llm-deployment), or null
     */
    public record LlmEndpoints(@Nullable String inCluster, @Nullable String cloud, @Nullable String cloudDeployment) {
        public static final LlmEndpoints NONE = new LlmEndpoints(null, null, null);
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
        for (JobParameter<?> parameter : parameters) {
            if (parameter.name().startsWith(OPTION_PREFIX)) {
                options.put(parameter.name().substring(OPTION_PREFIX.length()), String.valueOf(parameter.value()));
            }
        }
        return new RunParameters(
                parameters.getString(RUN_ID),
                parameters.getString(INPUT),
                parameters.getString(OUTPUT),
                partitions == null ? 1 : partitions.intValue(),
                parameters.getString(PIPELINE_VERSION),
                options);
    }
}
