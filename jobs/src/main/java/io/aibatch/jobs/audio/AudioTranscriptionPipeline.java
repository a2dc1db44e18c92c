package io.aibatch.jobs.audio;

import io.aibatch.audio.AudioDecoder;
import io.aibatch.engine.speech.TranscriptionEngine;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.ResilientTranscriptionEngine;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.EngineConfiguration;
import io.aibatch.runtime.Pipeline;
import io.aibatch.runtime.Preflight;
import io.aibatch.runtime.RunParameters;
import io.aibatch.source.ItemSource;
import java.util.concurrent.Executor;

/**
 * {@code audio-transcription}: audio files → 16 kHz mono PCM → a transcription engine ({@code --transcription
 * openai|azure-speech-container}, {@code --transcription-endpoint URL}) → one result per file.
 */
public final class AudioTranscriptionPipeline implements Pipeline {

    public static final String JOB = AudioTranscriptionDefinition.NAME;
    public static final String ENGINE_OPTION = AudioTranscriptionDefinition.TRANSCRIPTION.name();
    public static final String ENDPOINT_OPTION = AudioTranscriptionDefinition.TRANSCRIPTION_ENDPOINT.name();

    private final io.aibatch.runtime.AibatchProperties.Transcription settings;
    private final AudioDecoder decoder;
    private final TranscriptionEngines engines;
    private final Executor ioExecutor;
    private final BackendExecutors backends;

    public AudioTranscriptionPipeline(
            io.aibatch.runtime.AibatchProperties.Transcription settings,
            AudioDecoder decoder,
            TranscriptionEngines engines,
            Executor ioExecutor,
            BackendExecutors backends) {
        this.settings = settings;
        this.decoder = decoder;
        this.engines = engines;
        this.ioExecutor = ioExecutor;
        this.backends = backends;
    }

    @Override
    public String jobName() {
        return JOB;
    }

    /** The Speech container bills per audio hour (connected, pricing.yaml metering) wherever it runs. */
    @Override
    public java.util.List<io.aibatch.cost.CostModel.EngineRun> pricedEngines(RunParameters run) {
        io.aibatch.engine.speech.TranscriptionEngine engine;
        try {
            engine = engines.get(run.option(ENGINE_OPTION), run.option(ENDPOINT_OPTION));
        } catch (IllegalArgumentException e) {
            return java.util.List.of(); // a run without a usable engine (refused before it started) used none
        }
        return engine instanceof io.aibatch.engine.speech.AzureSpeechContainerEngine
                ? java.util.List.of(new io.aibatch.cost.CostModel.EngineRun(
                        EngineConfiguration.AZURE_SPEECH_CONTAINER,
                        engine.locality() == io.aibatch.engine.Locality.IN_CLUSTER))
                : java.util.List.of();
    }

    /** The transcription engine's locality (the audio goes to it first). */
    @Override
    public io.aibatch.engine.Locality firstEngineLocality(RunParameters run) {
        return engines.get(run.option(ENGINE_OPTION), run.option(ENDPOINT_OPTION))
                .locality();
    }

    /** The engine's endpoint: the Speech container is probed with the WebSocket handshake its SDK makes. */
    @Override
    public java.util.List<Preflight.Endpoint> endpoints(RunParameters run) {
        String endpoint = run.option(ENDPOINT_OPTION, settings.endpoint());
        if (endpoint == null || endpoint.isBlank()) {
            return java.util.List.of();
        }
        boolean speech =
                engines.factory(run.option(ENGINE_OPTION)).name().equals(EngineConfiguration.AZURE_SPEECH_CONTAINER);
        return java.util.List.of(new Preflight.Endpoint(
                "--transcription-endpoint",
                endpoint,
                endpoint,
                speech ? Preflight.Endpoint.Protocol.SPEECH_WEBSOCKET : Preflight.Endpoint.Protocol.HTTP));
    }

    /** A cloud transcription engine is refused: see {@link TranscriptionEngines#validate}. */
    @Override
    public void validate(RunParameters run) {
        engines.validate(run.option(ENGINE_OPTION), run.option(ENDPOINT_OPTION));
    }

    @Override
    public ItemHandler handler(ItemSource source, RunParameters run, CallObserver observer) {
        TranscriptionEngine engine = engines.get(run.option(ENGINE_OPTION), run.option(ENDPOINT_OPTION));
        return new AudioTranscriptionHandler(
                source,
                decoder,
                new ResilientTranscriptionEngine(engine, backends.forBackend(engine.name()), observer),
                ioExecutor,
                run.pipelineVersion());
    }
}
