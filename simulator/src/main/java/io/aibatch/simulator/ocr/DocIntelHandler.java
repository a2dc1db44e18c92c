package io.aibatch.simulator.ocr;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.content.GroundTruthStore;
import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.http.BackendHandler;
import io.aibatch.simulator.http.Exchange;
import io.aibatch.simulator.http.Json;

/** Document Intelligence 2023-07-31 — not implemented yet. */
public final class DocIntelHandler implements BackendHandler {
    private final BackendRuntime runtime;

    public DocIntelHandler(BackendRuntime runtime, GroundTruthStore truth, OperationStore operations, DocumentFetcher fetcher) {
        this.runtime = runtime;
    }

    @Override
    public Backend backend() {
        return Backend.DOC_INTEL;
    }

    @Override
    public boolean matches(String path) {
        return path.startsWith("/formrecognizer/");
    }

    @Override
    public void handle(Exchange ex) {
        ex.json(404, Json.object().put("todo", true));
    }
}
