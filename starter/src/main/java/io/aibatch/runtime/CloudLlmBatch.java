package io.aibatch.runtime;

import io.aibatch.engine.llm.batch.BatchSettings;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
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
 *                             stops (exit 3, {@code restart} resumes collecting)
 * @param deployment           the Global-Batch / Data-Zone-Batch deployment; blank: {@code --cloud-llm-deployment}
 * @param fallback             the default of {@code --cloud-llm-batch-fallback}: {@code realtime} or {@code none}
 * @param jobDeadline          the activeDeadlineSeconds of the Kubernetes Job this process runs in (the manager
 *                             manifests set it next to theirs); unset outside Kubernetes. Planning and processing come
 *                             before {@code collect}, so {@code max-wait} alone cannot keep a manager inside its Job's
 *                             deadline: {@code collect} also stops {@link #DEADLINE_MARGIN} before the process has lived
 *                             this long, and the run ends STOPPED (restartable) instead of being killed mid-step.
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
        @DefaultValue("realtime") String fallback,
        @Nullable Duration jobDeadline) {

    /** How long before {@code job-deadline} the collect step stops: time to record its state and end STOPPED. */
    public static final Duration DEADLINE_MARGIN = Duration.ofMinutes(10);

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
            CloudBatch.FALLBACK_REALTIME,
            null);

    public CloudLlmBatch {
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("aibatch.cloud-llm.batch.max-wait must be positive, was " + maxWait);
        }
        CloudBatch.checkFallback("aibatch.cloud-llm.batch.fallback", fallback);
        if (jobDeadline != null && jobDeadline.compareTo(DEADLINE_MARGIN) <= 0) {
            throw new IllegalArgumentException("aibatch.cloud-llm.batch.job-deadline must be more than "
                    + DEADLINE_MARGIN.toMinutes() + " minutes (the collect step stops that long before it), was "
                    + jobDeadline);
        }
    }

    /**
     * How long the collect step starting now may wait: {@code max-wait}, or less when the Job's deadline (counted from
     * this process's start; a replaced manager pod starts later than its Job, so this errs late, and restart covers that)
     * comes first. Zero when the deadline is already that close.
     */
    public Duration collectWait() {
        if (jobDeadline == null) {
            return maxWait;
        }
        Duration lived = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        Duration left = jobDeadline.minus(DEADLINE_MARGIN).minus(lived);
        return left.isNegative() ? Duration.ZERO : left.compareTo(maxWait) < 0 ? left : maxWait;
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
