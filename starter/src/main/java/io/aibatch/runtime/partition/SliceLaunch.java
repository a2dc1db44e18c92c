package io.aibatch.runtime.partition;

/** The workers started for one execution of a run's process step, as seen by the manager. */
public interface SliceLaunch extends AutoCloseable {

    /** True when nothing will run this slice again in this execution: its worker ended and will not be retried. */
    boolean finished(String sliceName);

    /** Asks every worker to stop after its current chunk (SIGTERM); they stay restartable. */
    void requestStop();

    /** Releases what the launch holds; workers still running are left to finish or are stopped, by policy. */
    @Override
    void close();
}
