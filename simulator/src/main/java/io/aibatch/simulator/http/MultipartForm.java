package io.aibatch.simulator.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Attributes;

/** multipart/form-data parsed from an in-memory body with Jetty's parser (parts stay in memory). */
public final class MultipartForm {

    public record Part(String name, String fileName, String contentType, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private MultipartForm() {}

    /** Fails when the body is not multipart/form-data or has no boundary. */
    public static CompletableFuture<Map<String, Part>> parse(String contentType, byte[] body) {
        MultiPartConfig config = new MultiPartConfig.Builder()
                .location(Path.of(System.getProperty("java.io.tmpdir")))
                .maxParts(100)
                .maxMemoryPartSize(Long.MAX_VALUE)
                .maxPartSize(-1)
                .maxSize(-1)
                .build();
        try {
            return MultiPartFormData.from(
                            Content.Source.from(ByteBuffer.wrap(body)), new Attributes.Mapped(), contentType, config)
                    .thenApply(parts -> {
                        Map<String, Part> out = new LinkedHashMap<>();
                        for (MultiPart.Part p : parts) {
                            byte[] bytes;
                            try {
                                ByteBuffer buf = Content.Source.asByteBuffer(p.getContentSource());
                                bytes = new byte[buf.remaining()];
                                buf.get(bytes);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            out.putIfAbsent(
                                    p.getName(),
                                    new Part(
                                            p.getName(),
                                            p.getFileName(),
                                            p.getHeaders().get("Content-Type"),
                                            bytes));
                        }
                        parts.close();
                        return out;
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
