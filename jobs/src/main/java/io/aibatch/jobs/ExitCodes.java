package io.aibatch.jobs;

import org.springframework.batch.core.BatchStatus;

/** Process exit codes. 0 if and only if the run COMPLETED. */
public final class ExitCodes {

    public static final int COMPLETED = 0;
    public static final int FAILED = 1;
    /** Wrong arguments (picocli's own usage errors use 2 too). */
    public static final int USAGE = 2;
    /** The run was stopped (SIGTERM or a stop request) and can be restarted. */
    public static final int STOPPED = 3;
    /** A configuration error that no retry can fix (sysexits EX_CONFIG); Kubernetes fails the Job on it. */
    public static final int CONFIGURATION = 78;

    private ExitCodes() {
    }

    public static int of(BatchStatus status) {
        return switch (status) {
            case COMPLETED -> COMPLETED;
            case STOPPED, STOPPING -> STOPPED;
            default -> FAILED;
        };
    }
}
