package io.aibatch.jobs.openaibatch;

import io.aibatch.json.Json;
import io.aibatch.source.JsonlLineSource;
import io.aibatch.source.LineAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Finds custom_ids used by more than one line, in a pass over the lines before the run is created
 * ({@link OpenAiBatchPipeline#checkInput}). The ids themselves are not kept: each is a 64-bit hash in an
 * open-addressing table with where it was first seen (16 bytes a line, 32 MB for a million lines at most half full).
 * Two different ids share a hash with a probability of about n²/2⁶⁵ (3·10⁻⁸ for a million lines): such a pair would be
 * reported as a duplicate although it is not, which {@code --allow-duplicate-ids true} overrides. Lines that are not
 * JSON objects with a string custom_id are left to the run, which dead-letters them. Once {@code limit} duplicates are
 * found, or at the end of the listing if there are any, the input is refused with them.
 */
final class DuplicateIds implements JsonlLineSource.ListingCheck {

    /** One duplicate: the id, where it was first seen and where again. */
    record Duplicate(String customId, String first, String again) {
        @Override
        public String toString() {
            return "'" + customId + "' on " + first + " and " + again;
        }
    }

    private final int limit;
    private final long maxLineBytes;
    private final Function<List<Duplicate>, RuntimeException> refusal;
    private final List<Duplicate> found = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private long[] keys = new long[1 << 16];
    private long[] firstSeen = new long[1 << 16];
    private int size;

    /** @param refusal the exception that refuses the input, given the duplicates found (at most {@code limit}) */
    DuplicateIds(int limit, long maxLineBytes, Function<List<Duplicate>, RuntimeException> refusal) {
        this.limit = limit;
        this.maxLineBytes = maxLineBytes;
        this.refusal = refusal;
    }

    @Override
    public void line(LineAddress address, byte[] bytes, int offset, int length) {
        String customId = customId(bytes, offset, length);
        if (customId == null) {
            return;
        }
        if (files.isEmpty() || !files.get(files.size() - 1).equals(address.fileName())) {
            files.add(address.fileName());
        }
        long where = ((long) (files.size() - 1) << 40) | address.line();
        long previous = putIfAbsent(hash(customId), where);
        if (previous >= 0) {
            String first = "line " + (previous & ((1L << 40) - 1)) + " of " + files.get((int) (previous >>> 40));
            found.add(new Duplicate(customId, first, BatchRequest.at(address)));
            if (found.size() >= limit) {
                throw refusal.apply(List.copyOf(found)); // enough to show: the rest of the input need not be read
            }
        }
    }

    /** How many distinct custom_ids were seen. */
    int size() {
        return size;
    }

    /** Longer lines are dead-lettered {@code too-large} by the run: their custom_ids are not theirs to claim. */
    @Override
    public long maxLineBytes() {
        return maxLineBytes;
    }

    @Override
    public void end() {
        if (!found.isEmpty()) {
            throw refusal.apply(List.copyOf(found));
        }
    }

    /** The line's top-level custom_id, or null; read with the streaming parser, skipping everything else unbuilt. */
    private static String customId(byte[] bytes, int offset, int length) {
        try (JsonParser parser = Json.MAPPER.createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("custom_id")) {
                    return value == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (JacksonException malformed) {
            return null;
        }
    }

    /** The value already stored under {@code key}, or -1 after storing {@code value}. */
    private long putIfAbsent(long key, long value) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = (int) key & mask; ; i = (i + 1) & mask) {
            if (keys[i] == 0) {
                keys[i] = key;
                firstSeen[i] = value;
                size++;
                return -1;
            }
            if (keys[i] == key) {
                return firstSeen[i];
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = firstSeen;
        keys = new long[oldKeys.length * 2];
        firstSeen = new long[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** FNV-1a over the characters, then MurmurHash3's finaliser; never 0 (the table's empty slot). */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93c05d65ec5L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
