package io.aibatch.simulator.content;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of content: how the simulator recognises a known sample, and the seed of generated text for unknown ones. */
public final class ContentHash {

    private ContentHash() {}

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** First 8 bytes of the SHA-256 of a string, as a seed. */
    public static long seedOf(String text) {
        byte[] h = sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xFF);
        }
        return v;
    }
}
