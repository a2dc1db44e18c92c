package io.aibatch.simulator.speech;

import io.aibatch.simulator.content.SyntheticText;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The phrases a recording is recognised as, on the recording's own timeline in samples (16 kHz). Phrase boundaries
 * are whole samples, so a client that continues from a phrase's end offset (ticks = samples × 625) lands exactly
 * on a boundary.
 */
public abstract class PhrasePlan {

    public static final int SAMPLE_RATE = 16_000;
    /** About 150 words a minute, as in the transcription backend. */
    static final double WORDS_PER_SECOND = 2.5;

    public record Phrase(long start, long end, String text) {

        long midpoint() {
            return (start + end) / 2;
        }

        /** The part of this phrase before {@code cut}: words in proportion to the time kept, at least one. */
        Phrase truncatedAt(long cut) {
            if (cut >= end) {
                return this;
            }
            String[] words = text.split("\\s+");
            int keep = Math.max(1, (int) Math.floor(words.length * (cut - start) / (double) (end - start)));
            String kept = String.join(" ", java.util.Arrays.copyOf(words, keep));
            return new Phrase(start, cut, kept.endsWith(".") ? kept : kept + ".");
        }
    }

    /** Phrase number {@code i}, or null past the last one. */
    public abstract Phrase phrase(int i);

    /** What the plan is, for logs. */
    public abstract String describe();

    /** Index of the first phrase a stream starting at plan sample {@code start} should hear (most of it after the start). */
    int firstPhraseFrom(long start) {
        int i = 0;
        for (Phrase p = phrase(0); p != null && p.midpoint() < start; p = phrase(++i)) {
            // skip phrases the client already has
        }
        return i;
    }

    /** A known recording: its transcript split into sentences, times in proportion to the words. */
    static PhrasePlan known(String name, String transcript, long totalSamples) {
        List<String> sentences = new ArrayList<>();
        for (String s : transcript.split("(?<=[.!?])\\s+")) {
            if (!s.isBlank()) {
                sentences.add(s.strip());
            }
        }
        int totalWords =
                sentences.stream().mapToInt(s -> s.split("\\s+").length).sum();
        List<Phrase> phrases = new ArrayList<>();
        long t = 0;
        int words = 0;
        for (int i = 0; i < sentences.size(); i++) {
            words += sentences.get(i).split("\\s+").length;
            long end = i == sentences.size() - 1
                    ? totalSamples
                    : Math.round(totalSamples * words / (double) Math.max(1, totalWords));
            phrases.add(new Phrase(t, end, sentences.get(i)));
            t = end;
        }
        return new PhrasePlan() {
            @Override
            public Phrase phrase(int i) {
                return i < phrases.size() ? phrases.get(i) : null;
            }

            @Override
            public String describe() {
                return "known audio '" + name + "' (" + phrases.size() + " phrases)";
            }
        };
    }

    /**
     * Unknown audio: phrases of 2.5–6 s, each with about 2.5 words per second of deterministic words, seeded by the
     * audio. The number of phrases and their offsets follow the audio's duration; the stream's end cuts the last one.
     */
    static PhrasePlan synthetic(long seed) {
        List<Phrase> phrases = new ArrayList<>();
        SplittableRandom lengths = new SplittableRandom(seed);
        return new PhrasePlan() {
            @Override
            public synchronized Phrase phrase(int i) {
                while (phrases.size() <= i) {
                    long start = phrases.isEmpty()
                            ? 0
                            : phrases.get(phrases.size() - 1).end();
                    long length = Math.round(SAMPLE_RATE * (2.5 + 3.5 * lengths.nextDouble()));
                    int words = (int) Math.max(1, Math.round(length / (double) SAMPLE_RATE * WORDS_PER_SECOND));
                    phrases.add(
                            new Phrase(start, start + length, SyntheticText.words(seed + 31L * phrases.size(), words)));
                }
                return phrases.get(i);
            }

            @Override
            public String describe() {
                return "unknown audio (synthetic phrases, seed " + seed + ")";
            }
        };
    }
}
