package io.aibatch.simulator.ocr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;

/**
 * One asynchronous analyze operation (Read or Document Intelligence): notStarted while queued, running while it
 * holds a service slot, then succeeded or failed. Mutated by the scheduler, read by polls: hence synchronized.
 */
public final class Operation {

    public enum Status {
        NOT_STARTED("notStarted"),
        RUNNING("running"),
        SUCCEEDED("succeeded"),
        FAILED("failed");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private final String id;
    private final String modelId;
    private final long sequence;
    private final Instant created;
    private Instant lastUpdated;
    private Status status = Status.NOT_STARTED;
    private JsonNode result;
    private boolean malformedPending;

    public Operation(String id, String modelId, long sequence) {
        this.id = id;
        this.modelId = modelId;
        this.sequence = sequence;
        this.created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.lastUpdated = created;
    }

    public String id() {
        return id;
    }

    public String modelId() {
        return modelId;
    }

    /** Request sequence number of the analyze call, for deterministic choices made later (malformed variant). */
    public long sequence() {
        return sequence;
    }

    public Instant created() {
        return created;
    }

    public synchronized Instant lastUpdated() {
        return lastUpdated;
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized JsonNode result() {
        return result;
    }

    public synchronized void running() {
        status = Status.RUNNING;
        touch();
    }

    public synchronized void succeeded(JsonNode analyzeResult, boolean malformed) {
        result = analyzeResult;
        status = Status.SUCCEEDED;
        malformedPending = malformed;
        touch();
    }

    public synchronized void failed() {
        status = Status.FAILED;
        touch();
    }

    /** True once, for the first poll after completion of an operation that drew the 'malformed' fault. */
    public synchronized boolean takeMalformed() {
        boolean m = malformedPending;
        malformedPending = false;
        return m;
    }

    private void touch() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        lastUpdated = now.isBefore(created) ? created : now;
    }
}
