package com.example.invoices;

/** The model's reply is not JSON, or not valid against the schema: asked again, then dead-lettered as {@code invalid-output}. */
final class InvalidOutputException extends RuntimeException {

    InvalidOutputException(String message) {
        super(message, null, false, false); // an expected outcome, not a bug: no stack trace
    }
}
