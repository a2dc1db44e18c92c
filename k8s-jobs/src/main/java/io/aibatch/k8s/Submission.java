package io.aibatch.k8s;

/**
 * The outcome of submitting a run's Job.
 *
 * @param job        the Job now running the run's slices
 * @param reattached true when the Job already existed (a restarted manager found it) and none was created
 */
public record Submission(JobRef job, boolean reattached) {}
