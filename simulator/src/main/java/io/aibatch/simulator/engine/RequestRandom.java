package io.aibatch.simulator.engine;

import java.util.SplittableRandom;

/**
 * One independent random stream per request, derived from (backend seed, request sequence number). Deriving
 * instead of sharing one generator keeps a request's fault and delay independent of how many numbers earlier
 * requests consumed, so the same seed and the same request sequence always give the same outcome.
 */
public final class RequestRandom {

    private RequestRandom() {}

    public static SplittableRandom forRequest(long seed, long sequence) {
        return new SplittableRandom(mix(seed ^ mix(sequence + 0x632BE59BD9B4E019L)));
    }

    /** Stafford variant 13 of the SplitMix64 finaliser: good avalanche for consecutive inputs. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
