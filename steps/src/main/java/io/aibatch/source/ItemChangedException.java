package io.aibatch.source;

/**
 * The item still exists but is no longer the version that was planned (its etag changed), and the source's
 * {@link ChangedItemPolicy} says not to process another version.
 */
public class ItemChangedException extends ItemUnavailableException {

    public ItemChangedException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "changed";
    }
}
