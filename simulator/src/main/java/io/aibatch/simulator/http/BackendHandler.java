package io.aibatch.simulator.http;

import io.aibatch.simulator.Backend;

/** The HTTP face of one simulated service. */
public interface BackendHandler {

    Backend backend();

    /** True if this handler serves the path (method checks happen in {@link #handle}, to answer 405 properly). */
    boolean matches(String path);

    /** True when the request does not carry work (a result poll) and should not count as a request. */
    default boolean isPoll(String method, String path) {
        return false;
    }

    void handle(Exchange exchange);
}
