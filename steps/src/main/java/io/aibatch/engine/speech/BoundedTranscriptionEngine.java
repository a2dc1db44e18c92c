package io.aibatch.engine.speech;

import io.aibatch.audio.PcmAudio;
import io.aibatch.engine.Locality;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * At most {@code limit} transcriptions at once on the wrapped engine; the rest wait in FIFO order without holding
 * a thread. A fixed bound that keeps a run inside a container's decoder count until the adaptive limit of the
 * resilience layer replaces it.
 */
public final class BoundedTranscriptionEngine implements TranscriptionEngine {

    private final TranscriptionEngine engine;
    private final int limit;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public BoundedTranscriptionEngine(TranscriptionEngine engine, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        this.engine = engine;
        this.limit = limit;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public Locality locality() {
        return engine.locality();
    }

    @Override
    public CompletableFuture<Transcript> transcribe(PcmAudio audio) {
        CompletableFuture<Transcript> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<Transcript> call;
            try {
                call = engine.transcribe(audio);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            call.whenComplete((t, e) -> {
                release();
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(t);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = running < limit;
            if (now) {
                running++;
            } else {
                waiting.addLast(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return engine + ", at most " + limit + " at once";
    }
}
