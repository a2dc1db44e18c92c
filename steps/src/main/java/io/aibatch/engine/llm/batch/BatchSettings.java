package io.aibatch.engine.llm.batch;

import java.time.Duration;

/**
 * How the batch client paces itself and splits its files.
 *
 * @param pollInterval         time between two status reads of a batch; the docs advise at least 60 s (the default)
 * @param filePollInterval     time between two status reads of an uploaded file (processing takes seconds)
 * @param fileProcessedTimeout how long an upload may stay pending before it is given up
 * @param maxRequestsPerFile   lines per input file (the service's limit: 100,000)
 * @param maxFileBytes         bytes per input file (the service's limit: 200 MB)
 * @param quotaBackoff         first wait after {@code token_limit_exceeded}; each further wait doubles
 * @param quotaAttempts        create attempts in all before the quota refusal is given up
 */
public record BatchSettings(
        Duration pollInterval,
        Duration filePollInterval,
        Duration fileProcessedTimeout,
        int maxRequestsPerFile,
        long maxFileBytes,
        Duration quotaBackoff,
        int quotaAttempts) {

    public static final int MAX_REQUESTS_PER_FILE = 100_000;
    public static final long MAX_FILE_BYTES = 200L * 1024 * 1024;

    public static final BatchSettings DEFAULTS = new BatchSettings(
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            Duration.ofMinutes(10),
            MAX_REQUESTS_PER_FILE,
            MAX_FILE_BYTES,
            Duration.ofSeconds(5),
            8);

    public BatchSettings {
        if (pollInterval.isNegative()
                || pollInterval.isZero()
                || filePollInterval.isNegative()
                || filePollInterval.isZero()) {
            throw new IllegalArgumentException("batch poll intervals must be positive");
        }
        if (maxRequestsPerFile < 1 || maxRequestsPerFile > MAX_REQUESTS_PER_FILE) {
            throw new IllegalArgumentException("requests per batch file must be within 1.." + MAX_REQUESTS_PER_FILE
                    + ", was " + maxRequestsPerFile);
        }
        if (maxFileBytes < 1 || maxFileBytes > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(
                    "bytes per batch file must be within 1.." + MAX_FILE_BYTES + ", was " + maxFileBytes);
        }
        if (quotaBackoff.isNegative() || quotaAttempts < 1) {
            throw new IllegalArgumentException("quota back-off must be >= 0 and attempts >= 1");
        }
    }

    public BatchSettings withPollInterval(Duration v) {
        return new BatchSettings(
                v,
                filePollInterval,
                fileProcessedTimeout,
                maxRequestsPerFile,
                maxFileBytes,
                quotaBackoff,
                quotaAttempts);
    }

    public BatchSettings withFilePollInterval(Duration v) {
        return new BatchSettings(
                pollInterval, v, fileProcessedTimeout, maxRequestsPerFile, maxFileBytes, quotaBackoff, quotaAttempts);
    }

    public BatchSettings withFileLimits(int requests, long bytes) {
        return new BatchSettings(
                pollInterval, filePollInterval, fileProcessedTimeout, requests, bytes, quotaBackoff, quotaAttempts);
    }

    public BatchSettings withQuotaBackoff(Duration first, int attempts) {
        return new BatchSettings(
                pollInterval,
                filePollInterval,
                fileProcessedTimeout,
                maxRequestsPerFile,
                maxFileBytes,
                first,
                attempts);
    }
}
