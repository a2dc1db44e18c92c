package io.aibatch.runtime;

import org.springframework.batch.core.BatchStatus;

/**
 * Process exit codes, one taxonomy for every command (README, "Exit codes"). 0 if and only if the run COMPLETED;
 * 1 failed (the dead-letter threshold included); 2 usage; 3 stopped, restartable; 65 the input as a whole is unusable;
 * 78 configuration error (preflight, a backend refusing the run's configuration).
 */
public final class ExitCodes {

    public static final int COMPLETED = 0;
    public static final int FAILED = 1;
    /** Wrong arguments (picocli's own usage errors use 2 too). */
    public static final int USAGE = 2;
    /** The run was stopped (SIGTERM or a stop request) and can be restarted. */
    public static final int STOPPED = 3;
    /** The input as a whole is unusable (sysexits EX_DATAERR), e.g. duplicate ids in a request file. */
    public static final int INPUT_UNUSABLE = 65;
    /** A configuration error that no retry can fix (sysexits EX_CONFIG); Kubernetes fails the Job on it. */
    public static final int CONFIGURATION = 78;

    private ExitCodes() {}

    public static int of(BatchStatus status) {
        return switch (status) {
            case COMPLETED -> COMPLETED;
            case STOPPED, STOPPING -> STOPPED;
            default -> FAILED;
        };
    }
}
