package io.aibatch.runtime;

import io.aibatch.engine.llm.batch.BatchSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code aibatch.cloud-llm.batch.*}: how {@code --cloud-llm-mode batch} uses the Azure OpenAI Batch API.
 *
 * @param pollInterval         time between two status reads of a batch (the docs advise at least 60 s)
 * @param filePollInterval     time between two status reads of an uploaded input file
 * @param fileProcessedTimeout how long an upload may stay pending before the slice fails (restartable)
 * @param maxRequestsPerFile   lines per input file (service limit 100,000)
 * @param maxFileBytes         bytes per input file (service limit 200 MB)
 * @param quotaBackoff         first wait after {@code token_limit_exceeded} on create; each further wait doubles
 * @param quotaAttempts        create attempts in all before the quota refusal fails the slice
 * @param maxWait              how long the {@code collect} step waits for open batches in one execution before the run
 *                             stops (exit 3, {@code restart} resumes collecting); below the manager Job's 24 h
 *                             activeDeadline ({@code aibatch.kubernetes.active-deadline})
 * @param deployment           the Global-Batch / Data-Zone-Batch deployment; blank: {@code --cloud-llm-deployment}
 * @param fallback             the default of {@code --cloud-llm-batch-fallback}: {@code realtime} or {@code none}
 */
public record CloudLlmBatch(
        @DefaultValue("60s") Duration pollInterval,
        @DefaultValue("5s") Duration filePollInterval,
        @DefaultValue("10m") Duration fileProcessedTimeout,
        @DefaultValue("100000") int maxRequestsPerFile,
        @DefaultValue("200MB") DataSize maxFileBytes,
        @DefaultValue("5s") Duration quotaBackoff,
        @DefaultValue("8") int quotaAttempts,
        @DefaultValue("23h") Duration maxWait,
        @DefaultValue("") String deployment,
        @DefaultValue("realtime") String fallback) {

    public static final CloudLlmBatch DEFAULTS = new CloudLlmBatch(
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            Duration.ofMinutes(10),
            BatchSettings.MAX_REQUESTS_PER_FILE,
            DataSize.ofBytes(BatchSettings.MAX_FILE_BYTES),
            Duration.ofSeconds(5),
            8,
            Duration.ofHours(23),
            "",
            CloudBatch.FALLBACK_REALTIME);

    public CloudLlmBatch {
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("aibatch.cloud-llm.batch.max-wait must be positive, was " + maxWait);
        }
        CloudBatch.checkFallback("aibatch.cloud-llm.batch.fallback", fallback);
    }

    /** The client's pacing and file limits; fails on limits above the service's with the property to fix. */
    public BatchSettings settings() {
        return new BatchSettings(
                pollInterval,
                filePollInterval,
                fileProcessedTimeout,
                maxRequestsPerFile,
                maxFileBytes.toBytes(),
                quotaBackoff,
                quotaAttempts);
    }
}
