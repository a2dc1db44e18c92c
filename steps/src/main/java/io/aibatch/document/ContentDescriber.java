package io.aibatch.document;

import java.nio.charset.StandardCharsets;

/** Says in words what some bytes look like, for error messages about mislabelled files. */
final class ContentDescriber {

    private static final int SAMPLE = 24;

    private ContentDescriber() {
    }

    static String describe(byte[] content) {
        if (content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) {
            return "it is a ZIP archive, e.g. an Office document";
        }
        int sample = Math.min(content.length, 512);
        int printable = 0;
        for (int i = 0; i < sample; i++) {
            int b = content[i] & 0xFF;
            if (b == '\n' || b == '\r' || b == '\t' || (b >= 0x20 && b < 0x7F) || b >= 0xC0) {
                printable++;
            }
        }
        if (printable >= sample * 0.95) {
            String start = new String(content, 0, Math.min(content.length, SAMPLE), StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ").strip();
            return "it looks like plain text starting with \"" + start + (content.length > SAMPLE ? "…" : "") + "\"";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(content.length, 8); i++) {
            hex.append("%02x".formatted(content[i] & 0xFF));
        }
        return "it starts with the bytes " + hex;
    }
}
