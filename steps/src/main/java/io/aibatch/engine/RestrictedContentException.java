package io.aibatch.engine;

/**
 * Restricted content was about to be sent to a CLOUD engine. This is a routing bug, never an item
 * problem: it fails the step instead of dead-lettering the item, so it cannot go unnoticed.
 */
public class RestrictedContentException extends IllegalStateException {

    public RestrictedContentException(String engine, String itemSource) {
        super("refusing to send restricted item " + itemSource + " to cloud engine " + engine
                + ": restricted content may only go to IN_CLUSTER engines (this is a routing bug)");
    }
}
