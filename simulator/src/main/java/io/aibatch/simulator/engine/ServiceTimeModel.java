package io.aibatch.simulator.engine;

import java.util.random.RandomGenerator;

/**
 * Service time = (baseMs + perUnitMs × units) × exp(σZ − σ²/2), Z standard normal. The lognormal factor has mean 1,
 * so jitter spreads service times (long right tail, as real inference latencies have) without changing throughput.
 */
public final class ServiceTimeModel {

    private final long baseMs;
    private final double perUnitMs;
    private final double sigma;

    public ServiceTimeModel(long baseMs, double perUnitMs, double sigma) {
        this.baseMs = baseMs;
        this.perUnitMs = perUnitMs;
        this.sigma = sigma;
    }

    /** Mean service time, used to estimate Retry-After. */
    public double meanMillis(double units) {
        return baseMs + perUnitMs * units;
    }

    public long drawMillis(double units, RandomGenerator random) {
        double mean = meanMillis(units);
        if (sigma == 0) {
            return Math.round(mean);
        }
        double factor = Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
        return Math.round(mean * factor);
    }
}
