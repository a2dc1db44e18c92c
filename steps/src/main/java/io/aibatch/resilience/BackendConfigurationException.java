package io.aibatch.resilience;

import io.aibatch.engine.BackendException;

/**
 * A backend refused the run's configuration (401/403, unknown model or deployment, a credential or TLS error):
 * every item would fail the same way, so the run fails at once (exit 78) instead of dead-lettering item after item.
 * The message names the backend, the endpoint and status or cause as the client reported them, never a key.
 */
public class BackendConfigurationException extends RuntimeException {

    private final String backend;
    private final int status;

    public BackendConfigurationException(BackendException failure) {
        super(failure.getMessage(), failure);
        this.backend = failure.backend();
        this.status = failure.status();
    }

    public String backend() {
        return backend;
    }

    /** HTTP status, or 0 when there was no response (credential, TLS). */
    public int status() {
        return status;
    }
}
