package io.aibatch.document;

/**
 * Says in words what some bytes look like, for error messages about mislabelled files: by kind and size only. A
 * reason never quotes the content itself (its first bytes may be anything, e.g. an environment file reached through a
 * symlink), because dead-letter reasons are read by people who may not see the file.
 */
final class ContentDescriber {

    private ContentDescriber() {}

    static String describe(byte[] content) {
        String size = "%,d bytes".formatted(content.length);
        if (content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) {
            return "it is a ZIP archive, e.g. an Office document, of " + size;
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
            return "it looks like plain text, " + size;
        }
        return "it is binary data of an unrecognised kind, " + size;
    }
}
