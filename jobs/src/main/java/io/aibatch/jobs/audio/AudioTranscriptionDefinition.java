package io.aibatch.jobs.audio;

import io.aibatch.runtime.JobDefinition;
import io.aibatch.runtime.JobOption;
import java.util.List;

/** {@code audio-transcription} as the command line knows it. */
public final class AudioTranscriptionDefinition implements JobDefinition {

    public static final String NAME = "audio-transcription";
    public static final JobOption TRANSCRIPTION = new JobOption(
            "transcription",
            "ENGINE",
            "Transcription engine: openai, azure-speech-container or any other transcription engine bean "
                    + "(default: aibatch.transcription.engine).");
    public static final JobOption TRANSCRIPTION_ENDPOINT = new JobOption(
            "transcription-endpoint",
            "URL",
            "The engine's URL: http(s)://host:port for openai, ws://host:port for the Speech container "
                    + "(default: aibatch.transcription.endpoint).");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "WAV audio -> 16 kHz mono PCM -> one transcript per file";
    }

    @Override
    public List<JobOption> options() {
        return List.of(TRANSCRIPTION, TRANSCRIPTION_ENDPOINT);
    }
}
