package io.aibatch.jobs.audio;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.aibatch.engine.speech.Transcript;
import io.aibatch.routing.EngineUse;
import io.aibatch.routing.Routed;
import java.util.List;

/**
 * One line of the audio-transcription job's results output.
 *
 * @param text           the whole transcript
 * @param audioSeconds   length of the audio (after conversion to 16 kHz mono)
 * @param engine         the engine that transcribed it, e.g. {@code azure-speech-container/en-US}
 * @param segments       phrases (Speech container) or segments (Whisper verbose_json), times in seconds from the
 *                       start; empty when the engine's response format gives none
 * @param realTimeFactor the engine's processing time / audio time (0.1 = ten times faster than real time)
 * @param sourceFormat   the input's format, and whether it was converted
 * @param connections    connections or requests the engine used (more than 1 after a dropped stream was continued)
 * @param elapsedMs      wall time for this item: reading, converting, waiting for a free engine slot, transcribing
 * @param routing        the engine that heard the audio, with its locality (always in-cluster: a cloud engine is refused)
 */
public record AudioResult(
        String id,
        String source,
        String name,
        String text,
        double audioSeconds,
        String engine,
        List<Transcript.Segment> segments,
        double realTimeFactor,
        String sourceFormat,
        boolean converted,
        int connections,
        String pipelineVersion,
        long elapsedMs,
        List<EngineUse> routing)
        implements Routed {

    /** Why every recording counts as restricted in the run report's routing section. */
    public static final String UNCHECKED = "unchecked:audio";

    /** Audio is never checked for restricted content, so every recording is treated as restricted. */
    @Override
    @JsonIgnore
    public boolean restricted() {
        return true;
    }

    @Override
    @JsonIgnore
    public List<String> restrictedReasons() {
        return List.of(UNCHECKED);
    }
}
