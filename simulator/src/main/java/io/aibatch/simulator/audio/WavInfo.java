package io.aibatch.simulator.audio;

/**
 * Duration of a RIFF/WAVE file from its header: data chunk size / byte rate. Only the header is read, so any
 * codec in a WAV container works (PCM, float, extensible).
 */
public record WavInfo(int channels, int sampleRate, int bitsPerSample, double durationSeconds) {

    /** Audio containers recognised but not decodable by the simulator (it needs a header that states the length). */
    public enum Container {
        WAV,
        OTHER_AUDIO,
        NOT_AUDIO
    }

    public static Container detect(byte[] b) {
        if (b.length >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) {
            return Container.WAV;
        }
        if (ascii(b, 0, "fLaC")
                || ascii(b, 0, "OggS")
                || ascii(b, 0, "ID3")
                || ascii(b, 4, "ftyp")
                || (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0)
                || (b.length > 3
                        && (b[0] & 0xFF) == 0x1A
                        && (b[1] & 0xFF) == 0x45
                        && (b[2] & 0xFF) == 0xDF
                        && (b[3] & 0xFF) == 0xA3)) {
            return Container.OTHER_AUDIO;
        }
        return Container.NOT_AUDIO;
    }

    /** @throws IllegalArgumentException when the header is broken */
    public static WavInfo parse(byte[] b) {
        if (detect(b) != Container.WAV) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int at = 12;
        int channels = 0, sampleRate = 0, byteRate = 0, bits = 0;
        while (at + 8 <= b.length) {
            long size = le32(b, at + 4) & 0xFFFFFFFFL;
            if (ascii(b, at, "fmt ")) {
                if (at + 24 > b.length) {
                    break;
                }
                channels = le16(b, at + 10);
                sampleRate = le32(b, at + 12);
                byteRate = le32(b, at + 16);
                bits = le16(b, at + 22);
            } else if (ascii(b, at, "data")) {
                if (byteRate <= 0) {
                    throw new IllegalArgumentException("WAV data chunk before a valid fmt chunk");
                }
                long available = b.length - (at + 8L);
                // streamed WAVs write 0 or 0xFFFFFFFF as size: trust the bytes actually present
                long dataBytes = size == 0 || size > available ? available : size;
                return new WavInfo(channels, sampleRate, bits, dataBytes / (double) byteRate);
            }
            at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at - 8);
        }
        throw new IllegalArgumentException("WAV file has no data chunk");
    }

    /** Where the data chunk's bytes start, or -1 when there is none. */
    public static int dataOffset(byte[] b) {
        int at = 12;
        while (at + 8 <= b.length) {
            long size = le32(b, at + 4) & 0xFFFFFFFFL;
            if (ascii(b, at, "data")) {
                return at + 8;
            }
            at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at - 8);
        }
        return -1;
    }

    private static boolean ascii(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
