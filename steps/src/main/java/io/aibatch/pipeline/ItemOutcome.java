package io.aibatch.pipeline;

import io.aibatch.item.WorkItem;

/** What became of one item: a result for the results output, or a reason for the dead-letter output. */
public sealed interface ItemOutcome {

    WorkItem item();

    /** @param result the object written as one line of the results output */
    record Processed(WorkItem item, Object result, Units units) implements ItemOutcome {}

    /**
     * @param code     short stable code, e.g. {@code corrupt-pdf}
     * @param reason   what went wrong, in words a person understands
     * @param attempts how many times the item was tried
     */
    record DeadLettered(WorkItem item, String code, String reason, int attempts) implements ItemOutcome {

        /** Every reason is scrubbed of anything that looks like a key or token, whichever stage wrote it. */
        public DeadLettered {
            reason = io.aibatch.engine.SecretScrubber.scrub(reason);
        }
    }
}
