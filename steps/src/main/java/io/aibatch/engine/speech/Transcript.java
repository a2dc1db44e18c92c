package io.aibatch.engine.speech;

import java.util.List;

/**
 * What an engine heard in one file.
 *
 * @param text         the whole transcript: segment texts joined by single spaces
 * @param segments     phrases (Speech) or segments (Whisper) in time order; may be empty when the engine gives none
 * @param audioSeconds length of the audio the engine processed
 * @param connections  connections or requests it took (more than 1 when a dropped stream was continued)
 * @param elapsedMillis time the engine spent on it, from its first request to the answer (no waiting for a turn)
 */
public record Transcript(
        String text, List<Segment> segments, double audioSeconds, int connections, long elapsedMillis) {

    public Transcript {
        segments = List.copyOf(segments);
    }

    /** @param start seconds from the start of the audio; {@code end} likewise */
    public record Segment(double start, double end, String text) {

        /** Times in 100-ns ticks (the Speech service's unit), kept to the millisecond. */
        public static Segment ofTicks(long startTicks, long endTicks, String text) {
            return new Segment(startTicks / 10_000 / 1000.0, endTicks / 10_000 / 1000.0, text);
        }
    }

    public static String join(List<Segment> segments) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            String t = s.text().strip();
            if (!t.isEmpty()) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(t);
            }
        }
        return sb.toString();
    }
}
