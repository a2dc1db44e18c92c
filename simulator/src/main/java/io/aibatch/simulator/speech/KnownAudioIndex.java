package io.aibatch.simulator.speech;

import io.aibatch.simulator.content.GroundTruthStore.KnownAudio;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds where a stream of samples sits inside known audio, wherever the stream starts: at the beginning of a file,
 * or in its middle when a client continues after a dropped connection. A real recogniser transcribes whatever
 * speech it gets; the simulator gets the same effect by locating the stream in a known recording and answering
 * with the transcript from there on.
 *
 * <p>How: content-defined anchors. A polynomial hash runs over every window of {@value #WINDOW} samples; a window
 * whose hash is 0 modulo {@value #ANCHOR_MODULUS} and that is not near-silent is an anchor (about one per 4 ms of
 * speech). The stream's first anchor is looked up, and the candidate alignment is confirmed by comparing every
 * sample received so far.
 */
public final class KnownAudioIndex {

    static final int WINDOW = 32;
    static final int ANCHOR_MODULUS = 64;
    /** Windows quieter than this (peak amplitude) are silence: identical in every file, useless as anchors. */
    static final int MIN_PEAK = 256;

    private static final long BASE = 0x100000001B3L;
    private static final long BASE_POW = pow(BASE, WINDOW - 1);

    /** @param startSample where the stream's first sample sits in {@code audio} */
    public record Alignment(KnownAudio audio, long startSample) {}

    private final List<KnownAudio> audio;
    private final Map<Long, List<long[]>> anchors = new HashMap<>();

    public KnownAudioIndex(List<KnownAudio> audio) {
        this.audio = List.copyOf(audio);
        for (int a = 0; a < this.audio.size(); a++) {
            int index = a;
            scan(this.audio.get(a).samples(), this.audio.get(a).samples().length, (pos, hash) -> {
                anchors.computeIfAbsent(hash, k -> new ArrayList<>(1)).add(new long[] {index, pos});
                return false;
            });
        }
    }

    public boolean isEmpty() {
        return audio.isEmpty();
    }

    /** Locates the first {@code length} samples of {@code stream} in a known recording. */
    public Optional<Alignment> locate(short[] stream, int length) {
        Alignment[] found = new Alignment[1];
        scan(stream, length, (pos, hash) -> {
            for (long[] hit : anchors.getOrDefault(hash, List.of())) {
                KnownAudio known = audio.get((int) hit[0]);
                long start = hit[1] - pos;
                if (start >= 0 && matches(stream, length, known.samples(), (int) start)) {
                    found[0] = new Alignment(known, start);
                    return true;
                }
            }
            return false;
        });
        return Optional.ofNullable(found[0]);
    }

    private static boolean matches(short[] stream, int length, short[] known, int start) {
        int n = Math.min(length, known.length - start);
        if (n < Math.min(length, WINDOW * 4)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (stream[i] != known[start + i]) {
                return false;
            }
        }
        return true;
    }

    private interface AnchorVisitor {
        /** @return true to stop scanning */
        boolean visit(int position, long hash);
    }

    private static void scan(short[] s, int length, AnchorVisitor visitor) {
        if (length < WINDOW) {
            return;
        }
        long h = 0;
        for (int i = 0; i < WINDOW; i++) {
            h = h * BASE + s[i];
        }
        for (int p = 0; ; p++) {
            if (Long.remainderUnsigned(h, ANCHOR_MODULUS) == 0 && peak(s, p) >= MIN_PEAK && visitor.visit(p, h)) {
                return;
            }
            if (p + WINDOW >= length) {
                return;
            }
            h = (h - s[p] * BASE_POW) * BASE + s[p + WINDOW];
        }
    }

    private static int peak(short[] s, int from) {
        int max = 0;
        for (int i = from; i < from + WINDOW; i++) {
            max = Math.max(max, Math.abs(s[i]));
        }
        return max;
    }

    private static long pow(long b, int e) {
        long r = 1;
        for (int i = 0; i < e; i++) {
            r *= b;
        }
        return r;
    }
}
