package io.aibatch.reprocess;

import io.aibatch.item.ItemIds;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The ids of the items a reprocessing run selects, in 8 bytes each, so that selecting every item of a run of
 * millions (a model upgrade) fits in a small heap: 10 million ids take 80 MB, where a set of strings takes over 1 GB.
 * <p>
 * Item ids are the first 128 bits of a SHA-256 ({@link ItemIds}); the set keeps their first 64 bits. Two different
 * ids share those with a probability of about n·m / 2^64 (10^-5 for ten million selected out of ten million
 * listed), and the only effect would be one extra item reprocessed, which replaces its result with an equal one.
 */
public final class ItemIdSet {

    private final long[] keys;

    private ItemIdSet(long[] sortedDistinctKeys) {
        this.keys = sortedDistinctKeys;
    }

    public boolean contains(String id) {
        return Arrays.binarySearch(keys, key(id)) >= 0;
    }

    public int size() {
        return keys.length;
    }

    /** Ids that are not 32 hex characters (not made by {@link ItemIds}) are hashed the same way first. */
    static long key(String id) {
        String hex = id.length() == 32 && isHex(id) ? id : ItemIds.fromSource(id);
        return HexFormat.fromHexDigitsToLong(hex, 0, 16);
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!HexFormat.isHexDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Collects ids in any order, duplicates allowed; {@link #build()} once, in place. */
    public static final class Builder {

        private long[] keys = new long[1024];
        private int size;

        public Builder add(String id) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
            }
            keys[size++] = key(id);
            return this;
        }

        public ItemIdSet build() {
            Arrays.sort(keys, 0, size);
            int distinct = 0;
            for (int i = 0; i < size; i++) {
                if (distinct == 0 || keys[i] != keys[distinct - 1]) {
                    keys[distinct++] = keys[i];
                }
            }
            return new ItemIdSet(Arrays.copyOf(keys, distinct));
        }
    }
}
