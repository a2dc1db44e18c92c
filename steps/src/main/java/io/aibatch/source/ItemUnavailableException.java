package io.aibatch.source;

import java.io.IOException;

/** The item was listed when the run was planned but cannot be read as planned any more. */
public class ItemUnavailableException extends IOException {

    public ItemUnavailableException(String message) {
        super(message);
    }

    /** The dead-letter code for this item. */
    public String code() {
        return "unavailable";
    }
}
