package io.aibatch.devtools.sampledata;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A minimal PNG encoder for 1-bit grayscale images that takes one row at a time, so an image far
 * too large to hold in memory (the point of huge-image.png) can still be written. Only what the
 * format requires: signature, IHDR, IDAT chunks, IEND; no time or text chunks.
 */
final class StreamingPng {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int IDAT_CHUNK_SIZE = 64 * 1024;

    /** Fills {@code row} with the packed bits of row {@code y}: 1 is white, 0 is black, most significant bit first. */
    @FunctionalInterface
    interface RowSource {
        void fill(int y, byte[] row);
    }

    private StreamingPng() {}

    static void writeBilevel(OutputStream out, int width, int height, RowSource rows) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.write(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 1; // bit depth
        header[9] = 0; // colour type: grayscale
        // compression, filter and interlace methods are all 0
        writeChunk(data, "IHDR", header, header.length);

        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (ChunkingStream idat = new ChunkingStream(data);
                DeflaterOutputStream deflate = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            byte[] row = new byte[(width + 7) / 8];
            for (int y = 0; y < height; y++) {
                rows.fill(y, row);
                deflate.write(0); // filter type None: rows are mostly identical, deflate does the rest
                deflate.write(row);
            }
        } finally {
            deflater.end(); // a Deflater we created is not ended by the stream
        }
        writeChunk(data, "IEND", new byte[0], 0);
        data.flush();
    }

    private static void writeChunk(DataOutputStream out, String type, byte[] body, int length) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(body, 0, length);
        out.writeInt(length);
        out.write(typeBytes);
        out.write(body, 0, length);
        out.writeInt((int) crc.getValue());
    }

    private static void putInt(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }

    /** Buffers compressed bytes and emits them as IDAT chunks of bounded size. */
    private static final class ChunkingStream extends OutputStream {
        private final DataOutputStream out;
        private final byte[] buffer = new byte[IDAT_CHUNK_SIZE];
        private int used;

        ChunkingStream(DataOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) {
                flushChunk();
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == buffer.length) {
                    flushChunk();
                }
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        private void flushChunk() throws IOException {
            if (used > 0) {
                writeChunk(out, "IDAT", buffer, used);
                used = 0;
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk(); // never closes the underlying stream: IEND still has to follow
        }
    }
}
