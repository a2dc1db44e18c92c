package io.aibatch.runtime;

/** No run with the given id exists in the job repository. */
public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(String runId, String repository) {
        super(
                "no run with id '" + runId + "' in the job repository " + repository
                        + "; check the id with 'aibatch status' and that --work-dir / --job-repository point where the run was started");
    }
}
