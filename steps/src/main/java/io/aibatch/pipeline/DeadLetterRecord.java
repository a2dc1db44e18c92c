package io.aibatch.pipeline;

/** One line of the dead-letter output. */
public record DeadLetterRecord(
        String id, String source, String name, long size, String code, String reason, int attempts) {

    public static DeadLetterRecord of(ItemOutcome.DeadLettered outcome) {
        return new DeadLetterRecord(
                outcome.item().id(),
                outcome.item().source(),
                outcome.item().name(),
                outcome.item().size(),
                outcome.code(),
                outcome.reason(),
                outcome.attempts());
    }
}
