package io.aibatch.simulator.config;

/**
 * Capacity, timing and fault settings of one simulated backend. Service time of a request is
 * {@code (baseMs + perUnitMs × units) × lognormal jitter}, spent holding one of {@code slots}.
 *
 * @param slots           requests served at the same time
 * @param queueLimit      requests allowed to wait for a slot; one more is answered 429 on Azure-style backends.
 *                        Negative = unbounded (vLLM is always unbounded: it queues, it never 429s)
 * @param baseMs          fixed part of the service time
 * @param perUnitMs       service time per unit (page, token or audio second)
 * @param jitterSigma     sigma of the mean-preserving lognormal factor; 0 = exact service times
 * @param faults          injected fault probabilities
 * @param seed            random stream of this backend; null = derived from the simulator seed and the backend
 * @param model           model name the backend serves or reports (vLLM: the only id in /v1/models)
 * @param contextLength   max prompt + completion tokens (LLM backends)
 * @param tokensPerMinute Azure OpenAI token quota; a request whose estimate would exceed it gets 429. 0 = none
 * @param invalidStructuredOutputRatio LLM backends: share of successful {@code response_format: json_schema} replies
 *                        whose content is not what the schema asks for (half malformed JSON, half schema-violating
 *                        JSON), as a real model's guided decoding sometimes produces; 0 = every reply conforms
 */
public record BackendConfig(
        int slots,
        int queueLimit,
        long baseMs,
        double perUnitMs,
        double jitterSigma,
        FaultRates faults,
        Long seed,
        String model,
        int contextLength,
        long tokensPerMinute,
        double invalidStructuredOutputRatio) {

    public BackendConfig(
            int slots,
            int queueLimit,
            long baseMs,
            double perUnitMs,
            double jitterSigma,
            FaultRates faults,
            Long seed,
            String model,
            int contextLength,
            long tokensPerMinute) {
        this(slots, queueLimit, baseMs, perUnitMs, jitterSigma, faults, seed, model, contextLength, tokensPerMinute, 0);
    }

    public BackendConfig {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1, was " + slots);
        }
        if (baseMs < 0 || perUnitMs < 0 || jitterSigma < 0) {
            throw new IllegalArgumentException("baseMs, perUnitMs and jitterSigma must be >= 0");
        }
        if (faults == null) {
            faults = FaultRates.NONE;
        }
        if (contextLength < 1) {
            throw new IllegalArgumentException("contextLength must be >= 1, was " + contextLength);
        }
        if (tokensPerMinute < 0) {
            throw new IllegalArgumentException("tokensPerMinute must be >= 0, was " + tokensPerMinute);
        }
        if (!(invalidStructuredOutputRatio >= 0 && invalidStructuredOutputRatio <= 1)) {
            throw new IllegalArgumentException(
                    "invalidStructuredOutputRatio must be within [0, 1], was " + invalidStructuredOutputRatio);
        }
    }

    public boolean unboundedQueue() {
        return queueLimit < 0;
    }

    public BackendConfig withSlots(int v) {
        return new BackendConfig(
                v,
                queueLimit,
                baseMs,
                perUnitMs,
                jitterSigma,
                faults,
                seed,
                model,
                contextLength,
                tokensPerMinute,
                invalidStructuredOutputRatio);
    }

    public BackendConfig withQueueLimit(int v) {
        return new BackendConfig(
                slots,
                v,
                baseMs,
                perUnitMs,
                jitterSigma,
                faults,
                seed,
                model,
                contextLength,
                tokensPerMinute,
                invalidStructuredOutputRatio);
    }

    public BackendConfig withServiceTime(long base, double perUnit) {
        return new BackendConfig(
                slots,
                queueLimit,
                base,
                perUnit,
                jitterSigma,
                faults,
                seed,
                model,
                contextLength,
                tokensPerMinute,
                invalidStructuredOutputRatio);
    }

    public BackendConfig withJitterSigma(double v) {
        return new BackendConfig(
                slots,
                queueLimit,
                baseMs,
                perUnitMs,
                v,
                faults,
                seed,
                model,
                contextLength,
                tokensPerMinute,
                invalidStructuredOutputRatio);
    }

    public BackendConfig withFaults(FaultRates v) {
        return new BackendConfig(
                slots,
                queueLimit,
                baseMs,
                perUnitMs,
                jitterSigma,
                v,
                seed,
                model,
                contextLength,
                tokensPerMinute,
                invalidStructuredOutputRatio);
    }

    public BackendConfig withSeed(Long v) {
        return new BackendConfig(
                slots,
                queueLimit,
                baseMs,
                perUnitMs,
                jitterSigma,
                faults,
                v,
                model,
                contextLength,
                tokensPerMinute,
                invalidStructuredOutputRatio);
    }

    public BackendConfig withModel(String v) {
        return new BackendConfig(
                slots,
                queueLimit,
                baseMs,
                perUnitMs,
                jitterSigma,
                faults,
                seed,
                v,
                contextLength,
                tokensPerMinute,
                invalidStructuredOutputRatio);
    }

    public BackendConfig withContextLength(int v) {
        return new BackendConfig(
                slots,
                queueLimit,
                baseMs,
                perUnitMs,
                jitterSigma,
                faults,
                seed,
                model,
                v,
                tokensPerMinute,
                invalidStructuredOutputRatio);
    }

    public BackendConfig withInvalidStructuredOutputRatio(double v) {
        return new BackendConfig(
                slots,
                queueLimit,
                baseMs,
                perUnitMs,
                jitterSigma,
                faults,
                seed,
                model,
                contextLength,
                tokensPerMinute,
                v);
    }

    public BackendConfig withTokensPerMinute(long v) {
        return new BackendConfig(
                slots,
                queueLimit,
                baseMs,
                perUnitMs,
                jitterSigma,
                faults,
                seed,
                model,
                contextLength,
                v,
                invalidStructuredOutputRatio);
    }
}
