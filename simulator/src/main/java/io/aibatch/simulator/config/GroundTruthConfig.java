package io.aibatch.simulator.config;

import java.nio.file.Path;

/**
 * Where known sample inputs and their true text live. A document {@code documents/<name>.<ext>} has its text in
 * {@code texts/<name>.txt} (pages separated by a line holding only a form feed); an audio file
 * {@code audio/<name>.wav} has its transcript in {@code audioTranscripts/<name>.txt}, or in {@code audio/<name>.txt}
 * when no transcripts directory is set (keeping transcripts apart lets the audio directory serve as a job's input).
 * Inputs are recognised by the SHA-256 of their bytes, never by name, because the service only ever sees bytes
 * (the Speech WebSocket recognises known audio by its samples instead, see KnownAudioIndex). Any directory may be null.
 */
public record GroundTruthConfig(Path documents, Path texts, Path audio, Path audioTranscripts) {

    public static final GroundTruthConfig NONE = new GroundTruthConfig(null, null, null, null);

    public GroundTruthConfig(Path documents, Path texts, Path audio) {
        this(documents, texts, audio, null);
    }
}
