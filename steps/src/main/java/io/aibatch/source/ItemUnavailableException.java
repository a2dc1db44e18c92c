package io.aibatch.source;

import java.io.IOException;

/** The item was listed when the run was planned but cannot be read as planned any more. */
public class ItemUnavailableException extends IOException {

    private final String code;

    public ItemUnavailableException(String message) {
        this("unavailable", message);
    }

    /** @param code the dead-letter code, e.g. {@code invalid-file-name} */
    public ItemUnavailableException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The dead-letter code for this item. */
    public String code() {
        return code;
    }
}
