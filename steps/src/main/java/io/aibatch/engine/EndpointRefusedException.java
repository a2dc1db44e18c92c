package io.aibatch.engine;

/**
 * A configured endpoint that this run must not use: one that counts as cloud for a role that sees restricted or
 * unchecked content, or one that carries credentials in its URL. A configuration error that no retry can fix: the
 * command line exits 78 (EX_CONFIG) before anything is planned. The message never contains the URL's secret parts.
 */
public class EndpointRefusedException extends IllegalArgumentException {

    public EndpointRefusedException(String message) {
        super(message);
    }
}
