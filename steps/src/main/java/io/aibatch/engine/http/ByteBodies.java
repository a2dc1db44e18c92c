package io.aibatch.engine.http;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;

/**
 * Request bodies sent from an array without copying it. The JDK's {@code BodyPublishers.ofByteArray} copies the
 * whole array into 16 KB buffers when the request is sent, so a 60 MB document took 120 MB while its upload was in
 * flight (and again per retry); streaming it with its length declared sends the same bytes (not chunked).
 */
public final class ByteBodies {

    private ByteBodies() {
    }

    public static HttpRequest.BodyPublisher of(byte[] content) {
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content)), content.length);
    }
}
