package io.aibatch.simulator.ocr;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operations by id. Results are kept until reset (the services keep them 24-48 h); ids are random UUIDs, as the
 * services' are, so they do not collide across simulator restarts.
 */
public final class OperationStore {

    private final ConcurrentHashMap<String, Operation> operations = new ConcurrentHashMap<>();

    public Operation create(String modelId, long sequence) {
        Operation op = new Operation(UUID.randomUUID().toString(), modelId, sequence);
        operations.put(op.id(), op);
        return op;
    }

    public Optional<Operation> find(String id) {
        return Optional.ofNullable(operations.get(id));
    }

    public void remove(String id) {
        operations.remove(id);
    }

    public void clear() {
        operations.clear();
    }
}
