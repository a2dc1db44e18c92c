package io.aibatch.runtime;

import io.aibatch.json.Json;
import io.aibatch.pipeline.DeadLetterRecord;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.report.SliceCounters;
import io.aibatch.routing.Routed;
import io.aibatch.sink.AuditRecord;
import io.aibatch.sink.ChunkOutputWriter;
import io.aibatch.sink.ResultSink;
import io.aibatch.store.OutputStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Writes a slice's batched items once their batches answered, the way its chunks were written: results through the
 * run's sink, {@code dead-letter/} and {@code audit/} files, named {@code collect-slice-NNNN-<line>.jsonl} after the
 * slice's first pending item of each chunk, so writing them again after a crash replaces them. Counts go into the
 * slice's own counters (so read = written + dead-lettered holds for the run).
 */
final class CollectedOutput {

    static final String PREFIX = "collect-";

    private CollectedOutput() {}

    /**
     * @param chunks the slice's outcomes, cut in chunks; each chunk named after its first item's manifest position
     */
    static void write(
            OutputStore store, ResultSink results, Map<String, List<ItemOutcome>> chunks, ExecutionContext sliceContext)
            throws IOException {
        SliceCounters counters = new SliceCounters();
        counters.restore(sliceContext);
        Map<String, Long> codes = new TreeMap<>();
        for (Map.Entry<String, List<ItemOutcome>> chunk : chunks.entrySet()) {
            String name = chunk.getKey();
            List<Object> processed = new ArrayList<>();
            List<String> deadIds = new ArrayList<>();
            List<Object> deadLetters = new ArrayList<>();
            List<Object> audit = new ArrayList<>();
            for (ItemOutcome outcome : chunk.getValue()) {
                if (outcome instanceof ItemOutcome.Processed p) {
                    processed.add(p.result());
                    if (p.result() instanceof Routed routed) {
                        audit.add(AuditRecord.of(routed));
                    }
                } else if (outcome instanceof ItemOutcome.DeadLettered d) {
                    deadIds.add(d.item().id());
                    deadLetters.add(DeadLetterRecord.of(d));
                    codes.merge(d.code(), 1L, Long::sum);
                }
            }
            ResultSink.Written cost = results.write(name, processed, deadIds);
            replace(store, ChunkOutputWriter.DEAD_LETTER + "/" + name, deadLetters);
            replace(store, ChunkOutputWriter.AUDIT + "/" + name, audit);
            counters.add(chunk.getValue());
            counters.addRequestCharge(cost.requestCharge());
        }
        counters.save(sliceContext);
        codes.forEach((code, n) -> {
            String key = DeadLetterThreshold.CODE_PREFIX + code;
            sliceContext.putLong(key, sliceContext.getLong(key, 0L) + n);
        });
    }

    private static void replace(OutputStore store, String path, List<?> lines) throws IOException {
        if (lines.isEmpty()) {
            store.delete(path);
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object line : lines) {
            out.write(Json.MAPPER.writeValueAsBytes(line));
            out.write('\n');
        }
        store.write(path, out.toByteArray());
    }
}
