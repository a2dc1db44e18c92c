package io.aibatch.pipeline;

/**
 * The item itself is unusable (empty, corrupt, too large, unsupported): retrying cannot help, so
 * it goes straight to the dead-letter output with {@link #getMessage()} as the reason.
 */
public class RejectedItemException extends RuntimeException {

    private final String code;

    /**
     * @param code   a short stable machine-readable code, e.g. {@code empty-file}
     * @param reason a sentence a person understands: what is wrong and, where useful, what to do
     */
    public RejectedItemException(String code, String reason) {
        super(reason);
        this.code = code;
    }

    public RejectedItemException(String code, String reason, Throwable cause) {
        super(reason, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
