package io.aibatch.jobs;

import io.aibatch.audio.AudioDecoder;
import io.aibatch.audio.AudioTranscriptionHandler;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.source.ItemSource;

import java.util.concurrent.Executor;

/**
 * {@code audio-transcription}: audio files → 16 kHz mono PCM → a transcription engine ({@code --transcription
 * openai|azure-speech-container}, {@code --transcription-endpoint URL}) → one result per file.
 */
public final class AudioTranscriptionPipeline implements Pipeline {

    public static final String JOB = "audio-transcription";
    public static final String ENGINE_OPTION = "transcription";
    public static final String ENDPOINT_OPTION = "transcription-endpoint";

    private final AudioDecoder decoder;
    private final TranscriptionEngines engines;
    private final Executor ioExecutor;

    public AudioTranscriptionPipeline(AudioDecoder decoder, TranscriptionEngines engines, Executor ioExecutor) {
        this.decoder = decoder;
        this.engines = engines;
        this.ioExecutor = ioExecutor;
    }

    @Override
    public String jobName() {
        return JOB;
    }

    @Override
    public ItemHandler handler(ItemSource source, RunParameters run) {
        return new AudioTranscriptionHandler(source, decoder, engines.get(run.option(ENGINE_OPTION), run.option(ENDPOINT_OPTION)),
                ioExecutor, run.pipelineVersion());
    }
}
