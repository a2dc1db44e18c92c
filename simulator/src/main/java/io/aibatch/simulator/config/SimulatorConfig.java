package io.aibatch.simulator.config;

import io.aibatch.simulator.Backend;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whole simulator configuration. Every field has a default ({@link #defaults()}); files only override what they
 * name (see {@link SimulatorConfigLoader}).
 *
 * @param host          interface to bind; loopback by default because nothing outside this machine may call it
 * @param port          0 picks a free port
 * @param seed          root of every backend's random stream unless the backend names its own seed
 * @param idleTimeoutMs connection idle timeout; far above any client timeout so that 'hang' stays a hang
 * @param groundTruth   known sample inputs and their text
 * @param backends      settings per backend, one entry for each {@link Backend}
 * @param batch         the Azure OpenAI Batch and Files APIs
 */
public record SimulatorConfig(
        String host,
        int port,
        long seed,
        long idleTimeoutMs,
        GroundTruthConfig groundTruth,
        Map<Backend, BackendConfig> backends,
        BatchConfig batch) {

    public SimulatorConfig(
            String host,
            int port,
            long seed,
            long idleTimeoutMs,
            GroundTruthConfig groundTruth,
            Map<Backend, BackendConfig> backends) {
        this(host, port, seed, idleTimeoutMs, groundTruth, backends, BatchConfig.DEFAULTS);
    }

    public SimulatorConfig {
        batch = batch == null ? BatchConfig.DEFAULTS : batch;
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (idleTimeoutMs < 1) {
            throw new IllegalArgumentException("idleTimeoutMs must be >= 1");
        }
        groundTruth = groundTruth == null ? GroundTruthConfig.NONE : groundTruth;
        EnumMap<Backend, BackendConfig> copy = new EnumMap<>(Backend.class);
        for (Backend b : Backend.values()) {
            BackendConfig c = backends == null ? null : backends.get(b);
            copy.put(b, c == null ? defaultFor(b) : c);
        }
        if (copy.get(Backend.VLLM).faults().http429() > 0) {
            throw new IllegalArgumentException("vllm never answers 429: its http429 fault rate must be 0");
        }
        backends = Map.copyOf(copy);
    }

    public static SimulatorConfig defaults() {
        return new SimulatorConfig("127.0.0.1", 0, 42L, 600_000L, GroundTruthConfig.NONE, null);
    }

    /**
     * Defaults per backend, chosen to be in the range of the real services on modest hardware (a CPU Read container
     * takes around a second per page; a small vLLM model on one GPU batches a few dozen sequences).
     */
    public static BackendConfig defaultFor(Backend backend) {
        return switch (backend) {
            case READ -> new BackendConfig(4, 64, 150, 600, 0.25, FaultRates.NONE, null, "2022-04-30", 1, 0);
            case DOC_INTEL -> new BackendConfig(4, 64, 300, 900, 0.25, FaultRates.NONE, null, "2023-07-31", 1, 0);
            case VLLM ->
                new BackendConfig(16, -1, 40, 2.0, 0.15, FaultRates.NONE, null, "phi-4-mini-instruct", 4096, 0);
            case AZURE_OPENAI ->
                new BackendConfig(
                        64, 256, 150, 1.0, 0.3, FaultRates.NONE, null, "gpt-4o-mini-2024-07-18", 128_000, 120_000);
            case TRANSCRIPTION -> new BackendConfig(2, 32, 100, 40, 0.2, FaultRates.NONE, null, "whisper-1", 448, 0);
            // 2 decoders at 4x real time (perUnitMs = decoding ms per audio second), 200 ms to set up a stream
            case SPEECH ->
                new BackendConfig(2, 16, 200, 250, 0.1, FaultRates.NONE, null, "speech-to-text-container", 1, 0);
        };
    }

    public BackendConfig backend(Backend backend) {
        return backends.get(backend);
    }

    /** Seed of one backend's random stream: its own if set, else mixed from the root seed so backends differ. */
    public long seedFor(Backend backend) {
        Long own = backend(backend).seed();
        return own != null ? own : seed * 0x9E3779B97F4A7C15L + backend.ordinal() * 0xBF58476D1CE4E5B9L;
    }

    public SimulatorConfig withPort(int v) {
        return new SimulatorConfig(host, v, seed, idleTimeoutMs, groundTruth, backends, batch);
    }

    public SimulatorConfig withHost(String v) {
        return new SimulatorConfig(v, port, seed, idleTimeoutMs, groundTruth, backends, batch);
    }

    public SimulatorConfig withSeed(long v) {
        return new SimulatorConfig(host, port, v, idleTimeoutMs, groundTruth, backends, batch);
    }

    public SimulatorConfig withIdleTimeoutMs(long v) {
        return new SimulatorConfig(host, port, seed, v, groundTruth, backends, batch);
    }

    public SimulatorConfig withGroundTruth(GroundTruthConfig v) {
        return new SimulatorConfig(host, port, seed, idleTimeoutMs, v, backends, batch);
    }

    public SimulatorConfig withBackend(Backend backend, BackendConfig config) {
        EnumMap<Backend, BackendConfig> copy = new EnumMap<>(backends);
        copy.put(backend, config);
        return new SimulatorConfig(host, port, seed, idleTimeoutMs, groundTruth, copy, batch);
    }

    public SimulatorConfig withBatch(BatchConfig v) {
        return new SimulatorConfig(host, port, seed, idleTimeoutMs, groundTruth, backends, v);
    }

    /** Convenience for tests: change one backend's settings from its current ones. */
    public SimulatorConfig withBackend(Backend backend, java.util.function.UnaryOperator<BackendConfig> change) {
        return withBackend(backend, change.apply(backend(backend)));
    }
}
