package io.aibatch.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an item's content into one array of its planned size. {@code InputStream.readNBytes(limit)} gathers
 * the bytes in chunks and then copies them into the result, so a 60 MB download briefly takes 120 MB of heap
 * (in large, contiguous blocks); here the common case (the file has the size it had when planned) allocates
 * exactly once.
 */
public final class ContentBytes {

    private static final int READ_SIZE = 256 * 1024;

    private ContentBytes() {}

    /**
     * @param plannedSize the size listed when the run was planned
     * @param limit       read at most this many bytes (callers pass their size limit + 1, to see that a file grew past it)
     */
    public static byte[] read(InputStream in, long plannedSize, long limit) throws IOException {
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, limit);
        int expected = (int) Math.max(0, Math.min(plannedSize, cap));
        byte[] content = new byte[expected];
        int read = readFully(in, content, expected);
        if (read < expected) {
            return Arrays.copyOf(content, read); // shrank since planning
        }
        if (expected == cap) {
            return content;
        }
        int next = in.read();
        if (next < 0) {
            return content;
        }
        // grew since planning: the rest, up to the limit (rare, so the copies do not matter)
        byte[] rest = in.readNBytes(cap - expected - 1);
        byte[] grown = Arrays.copyOf(content, expected + 1 + rest.length);
        grown[expected] = (byte) next;
        System.arraycopy(rest, 0, grown, expected + 1, rest.length);
        return grown;
    }

    /**
     * In reads of at most {@value #READ_SIZE} bytes: a file channel reads into a heap array through a temporary
     * direct buffer as large as the request, which each I/O thread then keeps (60 MB × 16 threads of native memory).
     */
    private static int readFully(InputStream in, byte[] content, int length) throws IOException {
        int read = 0;
        while (read < length) {
            int n = in.read(content, read, Math.min(READ_SIZE, length - read));
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }
}
