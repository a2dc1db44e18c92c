package io.aibatch.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;

/**
 * The job repository stores execution contexts as JSON (Spring Batch's Jackson serializer, whose polymorphic types
 * are limited to JDK and Spring Batch classes), never as Java serialization: reading a repository row must not be
 * able to instantiate arbitrary classes. aibatch puts only strings and numbers into contexts (slice statistics are
 * JSON strings). A context written by an earlier aibatch (Base64 of a Java-serialized map) is refused, never read.
 */
public final class JsonExecutionContexts implements ExecutionContextSerializer {

    private final JacksonExecutionContextStringSerializer json = new JacksonExecutionContextStringSerializer();

    @Override
    public void serialize(Map<String, Object> context, OutputStream out) throws IOException {
        json.serialize(context, out);
    }

    @Override
    public Map<String, Object> deserialize(InputStream in) throws IOException {
        byte[] stored = in.readAllBytes();
        int first = 0;
        while (first < stored.length && Character.isWhitespace(stored[first])) {
            first++;
        }
        if (first < stored.length && stored[first] != '{') {
            throw new LegacyExecutionContextException();
        }
        return json.deserialize(new ByteArrayInputStream(stored));
    }

    /** A context in the Java-serialized format of aibatch before JSON contexts. */
    public static final class LegacyExecutionContextException extends IllegalStateException {

        LegacyExecutionContextException() {
            super(
                    "this run was started by an earlier version of aibatch, which stored its state in the job repository as Java "
                            + "serialization; this version reads only JSON and will not deserialize it. Start it again as a new run "
                            + "(another --run-id, or 'reprocess'); its earlier results and dead-letters stay where they are");
        }
    }
}
