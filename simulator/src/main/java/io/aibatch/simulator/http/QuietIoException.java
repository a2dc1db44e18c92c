package io.aibatch.simulator.http;

import java.io.IOException;
import org.eclipse.jetty.io.QuietException;

/**
 * Failure of a request the simulator ends on purpose (fault 'drop', hung requests released at close). Marked
 * quiet because Jetty otherwise logs every failed callback at WARN with a stack trace.
 */
final class QuietIoException extends IOException implements QuietException {

    QuietIoException(String message) {
        super(message);
    }
}
