package io.aibatch.item;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Item ids are derived from the source identity only, never from the content or the pipeline
 * version: reprocessing the same source after a model upgrade must replace its earlier result
 * (same id) in every sink, not add a second one.
 */
public final class ItemIds {

    private ItemIds() {}

    /** First 128 bits of SHA-256 of the source URI, as 32 hex characters. */
    public static String fromSource(String source) {
        return HexFormat.of().formatHex(sha256(source.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(sha256(content));
    }

    /** One digest per thread: looking one up per id cost more than hashing the id (planning makes one per line). */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    private static byte[] sha256(byte[] bytes) {
        return SHA_256.get().digest(bytes); // digest() resets it for the next call
    }
}
