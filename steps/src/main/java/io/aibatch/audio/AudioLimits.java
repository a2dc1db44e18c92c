package io.aibatch.audio;

/**
 * Guards applied to every audio input before any backend sees it.
 *
 * @param maxBytes   largest file accepted (checked before downloading, and again after)
 * @param maxSeconds longest audio accepted; a multi-hour file would hold a decoder for hours
 * @param minSeconds shortest audio worth sending; below this there is nothing to recognise
 */
public record AudioLimits(long maxBytes, double maxSeconds, double minSeconds) {

    public static AudioLimits defaults() {
        return new AudioLimits(512L * 1024 * 1024, 4 * 3600, 0.1);
    }

    public AudioLimits {
        if (maxBytes <= 0 || maxSeconds <= 0 || minSeconds < 0 || minSeconds >= maxSeconds) {
            throw new IllegalArgumentException("audio limits must be positive with minSeconds < maxSeconds: " + this);
        }
    }
}
