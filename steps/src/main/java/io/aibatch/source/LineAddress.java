package io.aibatch.source;

import io.aibatch.item.ItemIds;
import io.aibatch.item.WorkItem;
import java.time.Instant;

/**
 * Where one line of a JSONL file is: the file, its 1-based line number and the byte offset it starts at. A line item
 * carries it in its {@link WorkItem#source()} as {@code <file>#L<line>@<offset>} (and in its name as
 * {@code <file name>#L<line>}), so that a slice can read its lines without listing the file again. The item id is
 * derived from the file and the line number only: the same line of the same file is the same item in every run.
 *
 * @param file     the file's source (a path or blob URL) as its file source lists it
 * @param fileName the file's name relative to the input
 * @param line     1-based line number
 * @param offset   byte offset of the line's first byte in the file
 */
public record LineAddress(String file, String fileName, long line, long offset) {

    public LineAddress {
        if (line < 1 || offset < 0) {
            throw new IllegalArgumentException(
                    "a line address needs a line >= 1 and an offset >= 0, not line " + line + " at " + offset);
        }
    }

    /** The item for this line of {@code fileItem}, {@code length} bytes long (without the line break). */
    public WorkItem item(long length, Instant lastModified, String etag) {
        return new WorkItem(
                ItemIds.fromSource(file + "#L" + line),
                file + "#L" + line + "@" + offset,
                fileName + "#L" + line,
                length,
                lastModified,
                etag);
    }

    /** The file the line is in, as its file source lists it (the size is not known here: 0). */
    public WorkItem fileItem(WorkItem lineItem) {
        return new WorkItem(ItemIds.fromSource(file), file, fileName, 0, lineItem.lastModified(), lineItem.etag());
    }

    /** The address a line item carries. */
    public static LineAddress of(WorkItem lineItem) {
        String source = lineItem.source();
        int hash = source.lastIndexOf("#L");
        int at = source.lastIndexOf('@');
        int nameHash = lineItem.name().lastIndexOf("#L");
        if (hash < 0 || at < hash || nameHash < 0) {
            throw new IllegalArgumentException(
                    "item " + source + " is not a line of a JSONL file (expected <file>#L<line>@<offset>)");
        }
        try {
            return new LineAddress(
                    source.substring(0, hash),
                    lineItem.name().substring(0, nameHash),
                    Long.parseLong(source.substring(hash + 2, at)),
                    Long.parseLong(source.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "item " + source + " is not a line of a JSONL file (expected <file>#L<line>@<offset>)", e);
        }
    }
}
