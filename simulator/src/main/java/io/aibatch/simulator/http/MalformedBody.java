package io.aibatch.simulator.http;

import java.util.Arrays;

/**
 * Bodies for the 'malformed' fault. Half of them (by request sequence) are syntactically broken JSON, cut off in
 * the middle as a proxy that lost the connection would leave it; the other half are well-formed JSON that breaks
 * the response schema (each handler supplies that variant, since only it knows its schema).
 */
public final class MalformedBody {

    private MalformedBody() {}

    public static boolean truncatedFor(long sequence) {
        return sequence % 2 == 0;
    }

    /** The first 60% of a valid body: an unterminated JSON document. */
    public static byte[] truncate(byte[] validJson) {
        int cut = Math.max(1, (int) (validJson.length * 0.6));
        return Arrays.copyOf(validJson, Math.min(cut, Math.max(1, validJson.length - 1)));
    }
}
