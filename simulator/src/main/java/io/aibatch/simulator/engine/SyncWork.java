package io.aibatch.simulator.engine;

import io.aibatch.simulator.http.Exchange;

/** How a synchronous backend answers each possible outcome of a request it accepted. */
public interface SyncWork {

    /** The normal response. */
    void succeed(Exchange exchange);

    /** 429 in the backend's own error shape, with Retry-After. */
    void throttled(Exchange exchange, long retryAfterSeconds);

    /** Injected server error in the backend's own error shape. */
    void serverError(Exchange exchange);

    /** Injected malformed body: broken JSON or JSON that violates the response schema. */
    void malformed(Exchange exchange, long sequence);
}
