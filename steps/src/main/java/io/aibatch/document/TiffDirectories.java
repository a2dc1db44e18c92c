package io.aibatch.document;

import io.aibatch.pipeline.RejectedItemException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts the pages (image file directories) of a TIFF by following the chain of IFD offsets itself.
 * ImageIO's {@code getNumImages(true)} follows the same chain without remembering where it has been, so a file
 * whose last IFD points back to an earlier one keeps it busy forever; here a repeated offset is a corrupt file.
 */
final class TiffDirectories {

    private TiffDirectories() {}

    /**
     * @param maxPages counting stops (and the document is refused) past this many pages
     * @throws RejectedItemException {@code corrupt-image} for a looping or out-of-range chain, {@code too-many-pages}
     */
    static int count(byte[] tiff, int maxPages) {
        if (tiff.length < 8) {
            throw corrupt("the header is truncated");
        }
        ByteOrder order = tiff[0] == 'I' && tiff[1] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer buffer = ByteBuffer.wrap(tiff).order(order);
        int magic = buffer.getShort(2) & 0xFFFF;
        boolean big = magic == 43;
        if (!big && magic != 42) {
            throw corrupt("the header has version " + magic + ", neither TIFF (42) nor BigTIFF (43)");
        }
        if (big && tiff.length < 16) {
            throw corrupt("the BigTIFF header is truncated");
        }
        long offset = big ? buffer.getLong(8) : buffer.getInt(4) & 0xFFFFFFFFL;
        Set<Long> seen = new HashSet<>();
        int pages = 0;
        while (offset != 0) {
            if (!seen.add(offset)) {
                throw corrupt("its chain of image directories loops back to offset " + offset + " after " + pages
                        + " page(s)");
            }
            long entries;
            long entriesStart;
            if (big) {
                checkRange(offset, 8, tiff.length);
                entries = buffer.getLong((int) offset);
                entriesStart = offset + 8;
            } else {
                checkRange(offset, 2, tiff.length);
                entries = buffer.getShort((int) offset) & 0xFFFF;
                entriesStart = offset + 2;
            }
            long next = entriesStart + entries * (big ? 20 : 12);
            checkRange(next, big ? 8 : 4, tiff.length);
            pages++;
            if (pages > maxPages) {
                throw new RejectedItemException(
                        "too-many-pages",
                        "the TIFF has more than %d pages, the limit for pages decoded for OCR (aibatch.documents.max-pages)"
                                .formatted(maxPages));
            }
            offset = big ? buffer.getLong((int) next) : buffer.getInt((int) next) & 0xFFFFFFFFL;
        }
        if (pages == 0) {
            throw corrupt("it has no image directory");
        }
        return pages;
    }

    private static void checkRange(long at, int length, int size) {
        if (at < 8 || at + length > size) {
            throw corrupt("an image directory offset (" + at + ") points outside the " + size + "-byte file");
        }
    }

    private static RejectedItemException corrupt(String what) {
        return new RejectedItemException("corrupt-image", "the TIFF is damaged: " + what);
    }
}
