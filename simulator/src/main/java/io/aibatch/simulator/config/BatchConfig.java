package io.aibatch.simulator.config;

/**
 * The Azure OpenAI Batch and Files APIs of the simulator ({@code batch:} in the config file). Times are short by
 * default so tests finish quickly; the real service takes minutes to hours.
 *
 * @param processingSeconds  how long a batch stays {@code in_progress} ({@code simulate --batch-processing-seconds})
 * @param validatingMs       how long a batch stays {@code validating}
 * @param finalizingMs       how long a batch stays {@code finalizing}
 * @param cancellingMs       how long a batch stays {@code cancelling} before it is {@code cancelled}
 * @param fileProcessingMs   how long an uploaded file stays {@code pending} before it is {@code processed}
 * @param expireAfterSeconds a batch not finished this long after creation ends {@code expired}; 0 = never, which is
 *                           what Azure documents (it lets jobs run past their 24 h window)
 * @param enqueuedTokenLimit the deployment's enqueued-token quota: creating a batch whose input tokens would take the
 *                           sum over unfinished batches above it is refused with {@code token_limit_exceeded}; 0 = none
 * @param maxRequestsPerFile lines per input file before validation fails with {@code too_many_tasks}
 * @param maxFileBytes       largest file accepted by {@code POST /openai/files}
 * @param createDelayMs      how long {@code POST /openai/batches} holds its answer after the batch was created (it is
 *                           listed at once): the window in which a client that dies created a batch it never
 *                           recorded ({@code simulate --batch-create-delay-ms}); 0 = none
 */
public record BatchConfig(
        double processingSeconds,
        long validatingMs,
        long finalizingMs,
        long cancellingMs,
        long fileProcessingMs,
        double expireAfterSeconds,
        long enqueuedTokenLimit,
        int maxRequestsPerFile,
        long maxFileBytes,
        long createDelayMs) {

    /** The limits Azure documents: 100,000 requests and 200 MB per input file. */
    public static final BatchConfig DEFAULTS =
            new BatchConfig(3, 300, 200, 200, 100, 0, 0, 100_000, 200L * 1024 * 1024, 0);

    public BatchConfig {
        if (processingSeconds < 0 || validatingMs < 0 || finalizingMs < 0 || cancellingMs < 0 || fileProcessingMs < 0) {
            throw new IllegalArgumentException("batch times must be >= 0");
        }
        if (expireAfterSeconds < 0 || enqueuedTokenLimit < 0) {
            throw new IllegalArgumentException("batch expireAfterSeconds and enqueuedTokenLimit must be >= 0");
        }
        if (createDelayMs < 0) {
            throw new IllegalArgumentException("batch createDelayMs must be >= 0");
        }
        if (maxRequestsPerFile < 1 || maxFileBytes < 1) {
            throw new IllegalArgumentException("batch maxRequestsPerFile and maxFileBytes must be >= 1");
        }
    }

    public BatchConfig withProcessingSeconds(double v) {
        return new BatchConfig(
                v,
                validatingMs,
                finalizingMs,
                cancellingMs,
                fileProcessingMs,
                expireAfterSeconds,
                enqueuedTokenLimit,
                maxRequestsPerFile,
                maxFileBytes,
                createDelayMs);
    }

    public BatchConfig withExpireAfterSeconds(double v) {
        return new BatchConfig(
                processingSeconds,
                validatingMs,
                finalizingMs,
                cancellingMs,
                fileProcessingMs,
                v,
                enqueuedTokenLimit,
                maxRequestsPerFile,
                maxFileBytes,
                createDelayMs);
    }

    public BatchConfig withEnqueuedTokenLimit(long v) {
        return new BatchConfig(
                processingSeconds,
                validatingMs,
                finalizingMs,
                cancellingMs,
                fileProcessingMs,
                expireAfterSeconds,
                v,
                maxRequestsPerFile,
                maxFileBytes,
                createDelayMs);
    }

    public BatchConfig withMaxRequestsPerFile(int v) {
        return new BatchConfig(
                processingSeconds,
                validatingMs,
                finalizingMs,
                cancellingMs,
                fileProcessingMs,
                expireAfterSeconds,
                enqueuedTokenLimit,
                v,
                maxFileBytes,
                createDelayMs);
    }

    /** Every phase but in_progress made near-instant, for tests. */
    public BatchConfig withFastPhases() {
        return new BatchConfig(
                processingSeconds,
                50,
                50,
                50,
                20,
                expireAfterSeconds,
                enqueuedTokenLimit,
                maxRequestsPerFile,
                maxFileBytes,
                createDelayMs);
    }

    public BatchConfig withCreateDelayMs(long v) {
        return new BatchConfig(
                processingSeconds,
                validatingMs,
                finalizingMs,
                cancellingMs,
                fileProcessingMs,
                expireAfterSeconds,
                enqueuedTokenLimit,
                maxRequestsPerFile,
                maxFileBytes,
                v);
    }
}
