package io.aibatch.jobs.audio;

import io.aibatch.audio.AudioLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code audio-transcription} job's own settings ({@code aibatch.audio.*}): what audio it accepts. The engines'
 * settings ({@code aibatch.transcription.*}) belong to the starter, which makes the engines.
 *
 * @param maxBytes   larger files are dead-lettered without being read
 * @param maxSeconds longer recordings are dead-lettered
 * @param minSeconds shorter recordings are dead-lettered (nothing to transcribe)
 */
@ConfigurationProperties("aibatch.audio")
public record AudioTranscriptionProperties(
        @DefaultValue("536870912") long maxBytes,
        @DefaultValue("14400") double maxSeconds,
        @DefaultValue("0.1") double minSeconds) {

    public AudioLimits limits() {
        return new AudioLimits(maxBytes, maxSeconds, minSeconds);
    }
}
