package io.aibatch.runtime;

import io.aibatch.engine.BackendEndpoints;
import io.aibatch.engine.llm.batch.AzureOpenAiBatchClient;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code --cloud-llm-mode batch}: whether a run sends its cloud chat requests through the Azure OpenAI Batch API, what
 * to do with requests of an expired or cancelled batch ({@code --cloud-llm-batch-fallback}), and the batch client of
 * the run's cloud endpoint (one per endpoint and deployment in this JVM). A job declares the two options in its
 * {@link JobDefinition} under these names; the slices ({@link BatchSubmission}) and the {@code collect} step
 * ({@link BatchCollectTasklet}) read them from the run.
 */
public final class CloudBatch {

    /** {@code --cloud-llm-mode realtime|batch} (default realtime). */
    public static final String MODE_OPTION = "cloud-llm-mode";
    /** {@code --cloud-llm-batch-fallback realtime|none} (default aibatch.cloud-llm.batch.fallback). */
    public static final String FALLBACK_OPTION = "cloud-llm-batch-fallback";

    public static final String MODE_REALTIME = "realtime";
    public static final String MODE_BATCH = "batch";
    public static final String FALLBACK_REALTIME = "realtime";
    public static final String FALLBACK_NONE = "none";

    private final AibatchProperties.CloudLlm cloudLlm;
    private final Map<String, AzureOpenAiBatchClient> clients = new ConcurrentHashMap<>();

    public CloudBatch(AibatchProperties.CloudLlm cloudLlm) {
        this.cloudLlm = cloudLlm;
    }

    public CloudLlmBatch settings() {
        return cloudLlm.batch();
    }

    /** Whether the run's cloud requests go through batches; refuses a mode other than realtime or batch. */
    public static boolean enabled(RunParameters run) {
        String mode = run.option(MODE_OPTION, MODE_REALTIME).strip().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case MODE_BATCH -> true;
            case MODE_REALTIME -> false;
            default ->
                throw new IllegalArgumentException(
                        "--" + MODE_OPTION + " must be 'realtime' or 'batch' but was '" + mode + "'");
        };
    }

    /** Whether requests an expired or cancelled batch never ran are sent again in real time (else dead-lettered). */
    public boolean fallsBackToRealtime(RunParameters run) {
        String fallback = run.option(FALLBACK_OPTION, cloudLlm.batch().fallback());
        return checkFallback("--" + FALLBACK_OPTION, fallback).equals(FALLBACK_REALTIME);
    }

    static String checkFallback(String what, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!v.equals(FALLBACK_REALTIME) && !v.equals(FALLBACK_NONE)) {
            throw new IllegalArgumentException(what + " must be 'realtime' or 'none' but was '" + value + "'");
        }
        return v;
    }

    /** Refuses a batch run that cannot work, before anything is planned. */
    public void validate(RunParameters run) {
        if (!enabled(run)) {
            return;
        }
        fallsBackToRealtime(run);
        cloudLlm.batch().settings();
        if (blank(run.llm().cloud()) || blank(deployment(run))) {
            throw new IllegalArgumentException(
                    "--" + MODE_OPTION
                            + " batch needs --cloud-llm-endpoint and --cloud-llm-deployment (or aibatch.cloud-llm.batch.deployment)");
        }
        BackendEndpoints.check("--cloud-llm-endpoint", run.llm().cloud());
    }

    /** The batch client of the run's cloud endpoint and batch deployment. */
    public AzureOpenAiBatchClient client(RunParameters run) {
        String endpoint = run.llm().cloud();
        String deployment = deployment(run);
        if (blank(endpoint) || blank(deployment)) {
            throw new IllegalStateException(
                    "a batch of cloud requests needs --cloud-llm-endpoint and --cloud-llm-deployment");
        }
        return clients.computeIfAbsent(
                endpoint + " " + deployment,
                key -> AzureOpenAiBatchClient.connect(
                        endpoint,
                        deployment,
                        cloudLlm.effectiveApiKey(),
                        cloudLlm.apiVersion(),
                        cloudLlm.timeout(),
                        cloudLlm.batch().settings()));
    }

    private @Nullable String deployment(RunParameters run) {
        String configured = cloudLlm.batch().deployment();
        return blank(configured) ? run.llm().cloudDeployment() : configured;
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
