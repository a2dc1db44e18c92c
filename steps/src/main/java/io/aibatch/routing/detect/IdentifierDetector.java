package io.aibatch.routing.detect;

/** Finds one kind of personal identifier in a document's text. Implementations are stateless and thread-safe. */
public interface IdentifierDetector {

    /** The reason recorded when this detector fires, e.g. {@code tfn}. Stable: reports and audits count by it. */
    String reason();

    boolean foundIn(String text);
}
