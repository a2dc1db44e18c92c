package io.aibatch.resilience;

import java.time.Duration;

/**
 * A backend stayed down (circuit breaker open) longer than its policy allows. This fails the step
 * rather than dead-lettering item after item: the run stops, restartable, with nothing lost.
 */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String backend, Duration outage) {
        super(
                "backend " + backend + " has been failing for " + outage.toSeconds() + " s (circuit breaker open); "
                        + "stopping so that items are not dead-lettered while it is down. Fix the backend, then restart the run.");
    }

    /** Calls to {@code backend} were given up for {@code reason} (e.g. the process is stopping): restart continues them. */
    public BackendUnavailableException(String backend, String reason) {
        super("calls to backend " + backend + " abandoned: " + reason + "; restart the run to continue");
    }
}
