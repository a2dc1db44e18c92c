package io.aibatch.jobs.audio;

import io.aibatch.audio.AudioDecoder;
import io.aibatch.engine.LocalityGuard;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.speech.PcmAudio;
import io.aibatch.engine.speech.Transcript;
import io.aibatch.engine.speech.TranscriptionEngine;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.Units;
import io.aibatch.resilience.FailurePolicy;
import io.aibatch.routing.EngineUse;
import io.aibatch.source.ItemSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The audio-transcription job's work on one item: download (size-guarded), check and convert to 16 kHz mono PCM
 * on {@code ioExecutor}, then transcribe with the engine (asynchronous: no thread waits on the backend).
 */
public final class AudioTranscriptionHandler implements ItemHandler {

    private final ItemSource source;
    private final AudioDecoder decoder;
    private final TranscriptionEngine engine;
    private final Executor ioExecutor;
    private final String pipelineVersion;

    public AudioTranscriptionHandler(
            ItemSource source,
            AudioDecoder decoder,
            TranscriptionEngine engine,
            Executor ioExecutor,
            String pipelineVersion) {
        this.source = source;
        this.decoder = decoder;
        this.engine = engine;
        this.ioExecutor = ioExecutor;
        this.pipelineVersion = pipelineVersion;
    }

    @Override
    public CompletableFuture<ItemOutcome> handle(WorkItem item) {
        long started = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> decoder.decode(item.name(), download(item)), ioExecutor)
                .thenCompose(audio -> {
                    // audio is never checked for restricted content: only an in-cluster engine may hear it (the run
                    // refuses a cloud endpoint before planning; this is the engine-side backstop)
                    LocalityGuard.check(engine, item.source(), Sensitivity.UNCHECKED);
                    return engine.transcribe(audio).thenApply(t -> processed(item, audio, t, started));
                })
                .exceptionally(failure -> deadLettered(item, failure));
    }

    private ItemOutcome processed(WorkItem item, PcmAudio audio, Transcript t, long started) {
        long elapsedNanos = System.nanoTime() - started;
        double seconds = audio.seconds();
        // the engine's own time: waiting for a free slot in this JVM is not the backend's speed
        double rtf = seconds > 0 ? Math.round(t.elapsedMillis() / 1000.0 / seconds * 10_000) / 10_000.0 : 0;
        AudioResult result = new AudioResult(
                item.id(),
                item.source(),
                item.name(),
                t.text(),
                Math.round(seconds * 1000) / 1000.0,
                engine.name(),
                t.segments(),
                rtf,
                audio.source().description(),
                audio.converted(),
                t.connections(),
                pipelineVersion,
                elapsedNanos / 1_000_000,
                List.of(EngineUse.of(engine, "transcribe")));
        return new ItemOutcome.Processed(item, result, Units.audioSeconds(seconds));
    }

    private byte[] download(WorkItem item) {
        decoder.checkSize(item.size());
        try (InputStream in = source.open(item)) {
            // one byte past the limit: a file that grew after planning is caught too
            byte[] content = io.aibatch.source.ContentBytes.read(
                    in, item.size(), decoder.limits().maxBytes() + 1);
            decoder.checkSize(content.length);
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Item problems become dead-letters; a backend outage past max-outage, a configuration the backend refuses and a
     * routing bug fail the step (the {@link FailurePolicy}), so the rest of the slice is not dead-lettered for them.
     */
    private ItemOutcome deadLettered(WorkItem item, Throwable failure) {
        return FailurePolicy.deadLetterOrThrow(item, failure);
    }
}
