package io.aibatch.source;

import io.aibatch.item.WorkItem;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The lines of JSONL files as items: {@code --input} is one {@code .jsonl} file, a directory of them or a blob
 * container URL of them (other files are skipped and counted as {@code not-jsonl}). Each non-blank line is one item,
 * addressed by file, line number and byte offset ({@link LineAddress}); blank lines are skipped but keep their
 * numbers, so line numbers are those of an editor.
 * <p>
 * Listing reads each file once, in 64 KiB blocks, and never holds a line: memory does not grow with the file or the
 * line. Planning then cuts the listed lines into slices as it cuts any manifest, so a slice is a contiguous range of
 * lines, i.e. a byte range of a file (or of consecutive files), and the slices of one file run in parallel.
 * <p>
 * Opening a line reads it from a cursor that stays open on the current file: a slice reads its lines in order, so
 * after the first one (opened at its offset: a seek in a file, a range read of a blob) each line is the next bytes of
 * the file. Going backwards or to another file reopens. {@link #close} closes the cursor: the slice's reader closes
 * its handler, which closes its source.
 */
public final class JsonlLineSource implements ItemSource {

    public static final String SUFFIX = ".jsonl";
    private static final int BLOCK = 1 << 16;

    private final ItemSource files;
    private final ListingCheck check;
    private final Map<String, Long> skipped = new TreeMap<>();
    /** The cursor of {@link #open}: the file being read and the offset of the next byte. */
    private String cursorFile;

    private InputStream cursor;
    private long cursorPosition;

    public JsonlLineSource(ItemSource files) {
        this(files, null);
    }

    /**
     * @param check sees every listed line's bytes during {@link #list}, for a check of the lines as a whole (such as
     *              unique ids) that reads them as the listing does, in blocks; null for none
     */
    public JsonlLineSource(ItemSource files, ListingCheck check) {
        this.files = files;
        this.check = check;
    }

    /**
     * Looks at each line while the files are listed (never while a slice reads them). A line that spans two of the
     * listing's blocks is copied whole for it, so with a check a line is held once while it is checked.
     */
    public interface ListingCheck {

        /** One listed line: {@code length} bytes of {@code bytes} from {@code offset}, valid only during the call. */
        void line(LineAddress line, byte[] bytes, int offset, int length);

        /** After the last line of the listing; may throw to refuse the input as a whole. */
        default void end() {}

        /**
         * Longer lines are not given to the check (the job refuses them when it reads them): a line is copied whole
         * for the check only up to this size, so one crafted line of hundreds of megabytes cannot exhaust the
         * listing's memory.
         */
        default long maxLineBytes() {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String describe() {
        return "lines of " + files.describe();
    }

    @Override
    public Map<String, Long> skipped() {
        Map<String, Long> all = new TreeMap<>(files.skipped());
        skipped.forEach((reason, count) -> all.merge(reason, count, Long::sum));
        return Map.copyOf(all);
    }

    @Override
    public void list(Consumer<WorkItem> sink) throws IOException {
        listAll(sink);
    }

    /**
     * Runs the check over every line without making their items (no id to hash, nothing to hand on): a check of the
     * input before a run costs one read of the files.
     */
    public void check() throws IOException {
        if (check == null) {
            throw new IllegalStateException("this source has no check");
        }
        listAll(null);
    }

    /** @param sink null: the lines are only checked */
    private void listAll(Consumer<WorkItem> sink) throws IOException {
        skipped.clear();
        try {
            files.list(file -> {
                if (!file.name().toLowerCase(Locale.ROOT).endsWith(SUFFIX)) {
                    skipped.merge("not-jsonl", 1L, Long::sum);
                    return;
                }
                try (InputStream in = files.open(file)) {
                    listLines(file, in, sink);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read the lines of " + file.source(), e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (check != null) {
            check.end();
        }
    }

    /** One item per non-blank line; a line ends at '\n' (a '\r' before it is part of the line and blank-ish). */
    private void listLines(WorkItem file, InputStream in, Consumer<WorkItem> sink) throws IOException {
        byte[] block = new byte[BLOCK];
        LineBuffer carried = check == null ? null : new LineBuffer(); // the start of a line from earlier blocks
        long offset = 0; // of the next byte to read
        long lineStart = 0;
        long line = 1;
        boolean blank = true;
        int read;
        while ((read = in.read(block)) != -1) {
            int segment = 0; // where the current line's bytes in this block start
            for (int i = 0; i < read; i++) {
                byte b = block[i];
                if (b == '\n') {
                    long end = offset + i;
                    if (!blank) {
                        LineAddress address = address(file, line, lineStart);
                        if (sink != null) {
                            sink.accept(address.item(end - lineStart, file.lastModified(), file.etag()));
                        }
                        if (check != null) {
                            checkLine(address, end - lineStart, carried, block, segment, i - segment);
                        }
                    }
                    if (carried != null) {
                        carried.length = 0;
                    }
                    line++;
                    lineStart = end + 1;
                    blank = true;
                    segment = i + 1;
                } else if (b != ' ' && b != '\t' && b != '\r') {
                    blank = false;
                }
            }
            if (carried != null && carried.length + (long) (read - segment) <= check.maxLineBytes()) {
                carried.append(block, segment, read - segment); // else the line is too long to check: not kept
            }
            offset += read;
        }
        if (!blank) {
            LineAddress address = address(file, line, lineStart);
            if (sink != null) {
                sink.accept(address.item(offset - lineStart, file.lastModified(), file.etag()));
            }
            if (check != null) {
                checkLine(address, offset - lineStart, carried, block, 0, 0);
            }
        }
    }

    private void checkLine(LineAddress address, long size, LineBuffer carried, byte[] block, int offset, int length) {
        if (size > check.maxLineBytes()) {
            return;
        }
        if (carried.length == 0) {
            check.line(address, block, offset, length);
        } else {
            carried.append(block, offset, length);
            check.line(address, carried.bytes, 0, carried.length);
        }
    }

    /** The bytes of a line that began in an earlier block. */
    private static final class LineBuffer {
        private byte[] bytes = new byte[1024];
        private int length;

        void append(byte[] from, int offset, int count) {
            if (length + count > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + count));
            }
            System.arraycopy(from, offset, bytes, length, count);
            length += count;
        }
    }

    private static LineAddress address(WorkItem file, long line, long offset) {
        return new LineAddress(file.source(), file.name(), line, offset);
    }

    /** The bytes of one line (without its line break). */
    @Override
    public synchronized InputStream open(WorkItem item) throws IOException {
        LineAddress address = LineAddress.of(item);
        try {
            if (cursor == null || !address.file().equals(cursorFile) || address.offset() < cursorPosition) {
                closeCursor();
                // from the line on: a slice in the middle of a blob reads a range, not the blob up to it
                // buffered: a slice reads its lines one after another, each a few hundred bytes (a file's own
                // stream would make a system call per line)
                cursor = new BufferedInputStream(files.open(address.fileItem(item), address.offset()), BLOCK);
                cursorFile = address.file();
                cursorPosition = address.offset();
            }
            cursor.skipNBytes(address.offset() - cursorPosition);
            cursorPosition = address.offset();
            byte[] bytes = cursor.readNBytes(Math.toIntExact(item.size()));
            cursorPosition += bytes.length;
            if (bytes.length < item.size()) {
                throw new EOFException();
            }
            return new ByteArrayInputStream(bytes);
        } catch (EOFException e) {
            closeCursor();
            throw new ItemUnavailableException(
                    "changed-file",
                    address.fileName() + " is shorter than when the run was planned: line " + address.line()
                            + " is gone; the file changed after planning");
        }
    }

    /** Closes the file the last {@link #open} read from (a slice's reader closes its handler, which closes this). */
    @Override
    public synchronized void close() throws IOException {
        try {
            closeCursor();
        } finally {
            files.close();
        }
    }

    private void closeCursor() throws IOException {
        if (cursor != null) {
            InputStream closing = cursor;
            cursor = null;
            cursorFile = null;
            closing.close();
        }
    }
}
