package io.aibatch.simulator.audio;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.content.GroundTruthStore;
import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.http.BackendHandler;
import io.aibatch.simulator.http.Exchange;
import io.aibatch.simulator.http.Json;

/** Transcription — not implemented yet. */
public final class TranscriptionHandler implements BackendHandler {
    public TranscriptionHandler(BackendRuntime runtime, GroundTruthStore truth) {
    }

    @Override
    public Backend backend() {
        return Backend.TRANSCRIPTION;
    }

    @Override
    public boolean matches(String path) {
        return path.startsWith("/v1/audio/");
    }

    @Override
    public void handle(Exchange ex) {
        ex.json(404, Json.object().put("todo", true));
    }
}
