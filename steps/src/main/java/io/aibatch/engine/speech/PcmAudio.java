package io.aibatch.engine.speech;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * Audio ready for a speech engine: a WAV file of 16-bit little-endian PCM, 16 kHz, mono — the format every
 * engine here accepts. When the input already had that format, {@link #wav()} is the input's own bytes, unchanged
 * (a service recognising known audio by content hash still recognises it); otherwise it is the converted audio.
 *
 * @param wav         a complete WAV file
 * @param dataOffset  where the PCM samples start inside {@code wav}
 * @param dataLength  bytes of PCM samples (even: whole samples)
 * @param source      the input's format, for the result line
 * @param converted   whether {@link #wav()} was converted from another format
 */
public record PcmAudio(byte[] wav, int dataOffset, int dataLength, SourceFormat source, boolean converted) {

    public static final int SAMPLE_RATE = 16_000;
    public static final int BYTES_PER_SAMPLE = 2;
    /** 100-ns ticks (the Speech service's time unit) per sample at 16 kHz. */
    public static final long TICKS_PER_SAMPLE = 10_000_000L / SAMPLE_RATE;

    /** @param description e.g. {@code PCM_SIGNED 44100 Hz, 16 bit, 2 channels} */
    public record SourceFormat(String description, float sampleRate, int channels) {}

    public PcmAudio {
        Objects.requireNonNull(wav, "wav");
        if (dataOffset < 0
                || dataLength < 0
                || (long) dataOffset + dataLength > wav.length
                || dataLength % BYTES_PER_SAMPLE != 0) {
            throw new IllegalArgumentException(
                    "PCM range " + dataOffset + "+" + dataLength + " does not fit a " + wav.length + "-byte WAV");
        }
    }

    public long samples() {
        return dataLength / BYTES_PER_SAMPLE;
    }

    public double seconds() {
        return samples() / (double) SAMPLE_RATE;
    }

    /** The PCM samples from sample {@code firstSample} to the end, without any header. */
    public InputStream pcmFrom(long firstSample) {
        long skip = Math.min(samples(), Math.max(0, firstSample)) * BYTES_PER_SAMPLE;
        return new ByteArrayInputStream(wav, dataOffset + (int) skip, dataLength - (int) skip);
    }

    /** The sample at or after a time in 100-ns ticks. */
    public static long sampleAtTicks(long ticks) {
        return (ticks + TICKS_PER_SAMPLE - 1) / TICKS_PER_SAMPLE;
    }
}
