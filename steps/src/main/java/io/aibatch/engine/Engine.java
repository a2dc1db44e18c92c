package io.aibatch.engine;

/** A backend the pipeline sends item content to. */
public interface Engine {

    /** Stable name recorded in results and reports, e.g. {@code read-container} or {@code kaito/phi-4-mini-instruct}. */
    String name();

    Locality locality();
}
