package io.aibatch.runtime;

import io.aibatch.engine.Locality;
import io.aibatch.engine.llm.ChatPrompt;
import io.aibatch.engine.llm.ChatReply;
import io.aibatch.item.WorkItem;
import io.aibatch.json.Json;
import io.aibatch.pipeline.DeferredResult;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.Units;
import io.aibatch.store.OutputStore;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.node.ObjectNode;

/**
 * The items of a slice waiting for a cloud batch, in the output store under {@code pending/}: one file per chunk, named
 * like the chunk ({@code pending/slice-0002-000000001200.jsonl}, so a chunk written again replaces its file), one JSON
 * line per item with its finished result but the batched field, its units so far and the request to batch. Unrestricted
 * items only: restricted ones never get a batched summariser.
 */
final class PendingItems {

    static final String DIR = "pending";

    private PendingItems() {}

    /**
     * One waiting item.
     *
     * @param resultType the class of the result, to write it as the job's own type (audit, routing counts)
     * @param units      what the item took so far
     */
    record Entry(
            WorkItem item,
            String resultType,
            ObjectNode result,
            String field,
            Map<String, Double> units,
            ChatPrompt prompt) {

        static Entry of(ItemOutcome.Processed processed, DeferredResult deferred) {
            return new Entry(
                    processed.item(),
                    deferred.partial().getClass().getName(),
                    (ObjectNode) Json.MAPPER.valueToTree(deferred.partial()),
                    deferred.field(),
                    processed.units() == null ? Map.of() : processed.units().quantities(),
                    deferred.prompt());
        }

        /**
         * The item's result with the reply in its field (and the engine that wrote it in {@code <field>Engine}, where the
         * result has one), with the reply's tokens added to its units: as batch tokens when the batch answered
         * ({@code batched}, priced at the batch lines), as real-time cloud tokens when it was sent again in real time.
         */
        ItemOutcome.Processed complete(ChatReply reply, String engine, boolean batched) {
            ObjectNode filled = result.deepCopy();
            filled.put(field, reply.text().strip());
            if (filled.has(field + "Engine")) {
                filled.put(field + "Engine", engine);
            }
            Object typed;
            try {
                typed = Json.MAPPER.treeToValue(filled, ClassUtils.forName(resultType, null));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(
                        "the pending result of " + item.source() + " is a " + resultType + ", unknown here", e);
            }
            Units done = new Units(units)
                    .plus(
                            batched
                                    ? Units.batchTokens(reply.tokensIn(), reply.tokensOut())
                                    : Units.tokens(reply.tokensIn(), reply.tokensOut(), Locality.CLOUD));
            return new ItemOutcome.Processed(item, typed, done);
        }
    }

    /** Writes one chunk's waiting items, replacing what an earlier attempt of the chunk wrote; none removes the file. */
    static void write(OutputStore store, String chunkName, List<Entry> entries) throws IOException {
        String path = DIR + "/" + chunkName;
        if (entries.isEmpty()) {
            store.delete(path);
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry e : entries) {
            out.write(Json.MAPPER.writeValueAsBytes(e));
            out.write('\n');
        }
        store.write(path, out.toByteArray());
    }

    /** Every waiting item of the slice, in manifest order. */
    static List<Entry> read(OutputStore store, String slicePrefix) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String name : files(store, slicePrefix)) {
            try (InputStream in = store.open(DIR + "/" + name, 0);
                    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        entries.add(Json.MAPPER.readValue(line, Entry.class));
                    }
                }
            }
        }
        return entries;
    }

    /** The slice's pending files, sorted (their names carry the manifest line). */
    static List<String> files(OutputStore store, String slicePrefix) throws IOException {
        return store.list(DIR, slicePrefix).stream()
                .filter(name -> name.startsWith(slicePrefix))
                .sorted()
                .toList();
    }

    /** Removes what uncommitted chunks of this slice left, as ChunkOutputWriter does for its outputs. */
    static void removeFrom(OutputStore store, String slicePrefix, String firstUncommitted) throws IOException {
        for (String name : files(store, slicePrefix)) {
            if (name.compareTo(firstUncommitted) >= 0) {
                store.delete(DIR + "/" + name);
            }
        }
    }

    static void deleteAll(OutputStore store, String slicePrefix) throws IOException {
        for (String name : files(store, slicePrefix)) {
            store.delete(DIR + "/" + name);
        }
    }
}
