package io.aibatch.k8s;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads the compressed index lists of an Indexed Job's status, e.g. {@code "0,2-4,7"} in
 * status.completedIndexes and status.failedIndexes.
 */
public final class IndexRanges {

    private IndexRanges() {}

    /** The indexes named by the text; an absent or empty text names none. */
    public static SortedSet<Integer> parse(String text) {
        SortedSet<Integer> indexes = new TreeSet<>();
        if (text == null || text.isBlank()) {
            return Collections.unmodifiableSortedSet(indexes);
        }
        for (String part : text.split(",")) {
            String range = part.trim();
            int dash = range.indexOf('-');
            try {
                if (dash < 0) {
                    indexes.add(Integer.parseInt(range));
                } else {
                    int first = Integer.parseInt(range.substring(0, dash));
                    int last = Integer.parseInt(range.substring(dash + 1));
                    if (first > last) {
                        throw new IllegalArgumentException(
                                "index range '" + range + "' in '" + text + "' runs backwards");
                    }
                    for (int index = first; index <= last; index++) {
                        indexes.add(index);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "'" + range + "' in index list '" + text + "' is neither an index nor a range like 2-4", e);
            }
        }
        return Collections.unmodifiableSortedSet(indexes);
    }
}
