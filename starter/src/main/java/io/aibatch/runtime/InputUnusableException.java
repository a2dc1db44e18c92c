package io.aibatch.runtime;

/**
 * The input as a whole cannot be used, found before the run starts (e.g. duplicate ids in a request file): the
 * command exits {@link ExitCodes#INPUT_UNUSABLE} with the message, and nothing is planned.
 */
public class InputUnusableException extends RuntimeException {

    public InputUnusableException(String message) {
        super(message);
    }
}
