package io.aibatch.simulator.config;

import io.aibatch.simulator.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a YAML or JSON config file over {@link SimulatorConfig#defaults()}. Unknown keys are errors: a misspelt
 * {@code queuelimit} silently ignored would make a benchmark measure the wrong thing.
 */
public final class SimulatorConfigLoader {

    private static final Set<String> ROOT_KEYS =
            Set.of("host", "port", "seed", "idleTimeoutMs", "groundTruth", "backends", "batch");
    private static final Set<String> BACKEND_KEYS = Set.of(
            "slots",
            "queueLimit",
            "baseMs",
            "perUnitMs",
            "jitterSigma",
            "faults",
            "seed",
            "model",
            "contextLength",
            "tokensPerMinute",
            "invalidStructuredOutputRatio");
    private static final Set<String> FAULT_KEYS = Set.of("http5xx", "http429", "hang", "malformed", "drop");
    private static final Set<String> BATCH_KEYS = Set.of(
            "processingSeconds",
            "validatingMs",
            "finalizingMs",
            "cancellingMs",
            "fileProcessingMs",
            "expireAfterSeconds",
            "enqueuedTokenLimit",
            "maxRequestsPerFile",
            "maxFileBytes",
            "createDelayMs");
    private static final Set<String> GROUND_TRUTH_KEYS = Set.of("documents", "texts", "audio", "audioTranscripts");

    private SimulatorConfigLoader() {}

    public static SimulatorConfig load(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase();
        ObjectMapper mapper = name.endsWith(".json")
                ? JsonMapper.builder().build()
                : YAMLMapper.builder().build();
        JsonNode root = mapper.readTree(Files.readString(file));
        Path base = file.toAbsolutePath().getParent();
        return fromTree(root == null || root.isMissingNode() || root.isNull() ? mapper.createObjectNode() : root, base);
    }

    /** Relative ground-truth paths are resolved against {@code baseDir} (the config file's directory). */
    public static SimulatorConfig fromTree(JsonNode root, Path baseDir) {
        requireKnown(root, ROOT_KEYS, "config");
        SimulatorConfig d = SimulatorConfig.defaults();
        GroundTruthConfig gt = d.groundTruth();
        JsonNode g = root.path("groundTruth");
        if (g.isObject()) {
            requireKnown(g, GROUND_TRUTH_KEYS, "groundTruth");
            gt = new GroundTruthConfig(
                    path(g, "documents", baseDir),
                    path(g, "texts", baseDir),
                    path(g, "audio", baseDir),
                    path(g, "audioTranscripts", baseDir));
        }
        Map<Backend, BackendConfig> backends = new EnumMap<>(Backend.class);
        JsonNode bs = root.path("backends");
        if (bs.isObject()) {
            for (String key : bs.propertyNames()) {
                Backend backend = Backend.fromKey(key);
                backends.put(backend, backend(bs.get(key), SimulatorConfig.defaultFor(backend), key));
            }
        }
        BatchConfig batch = d.batch();
        JsonNode b = root.path("batch");
        if (b.isObject()) {
            requireKnown(b, BATCH_KEYS, "batch");
            batch = new BatchConfig(
                    b.path("processingSeconds").asDouble(batch.processingSeconds()),
                    b.path("validatingMs").asLong(batch.validatingMs()),
                    b.path("finalizingMs").asLong(batch.finalizingMs()),
                    b.path("cancellingMs").asLong(batch.cancellingMs()),
                    b.path("fileProcessingMs").asLong(batch.fileProcessingMs()),
                    b.path("expireAfterSeconds").asDouble(batch.expireAfterSeconds()),
                    b.path("enqueuedTokenLimit").asLong(batch.enqueuedTokenLimit()),
                    b.path("maxRequestsPerFile").asInt(batch.maxRequestsPerFile()),
                    b.path("maxFileBytes").asLong(batch.maxFileBytes()),
                    b.path("createDelayMs").asLong(batch.createDelayMs()));
        }
        return new SimulatorConfig(
                root.path("host").asString(d.host()),
                root.path("port").asInt(d.port()),
                root.path("seed").asLong(d.seed()),
                root.path("idleTimeoutMs").asLong(d.idleTimeoutMs()),
                gt,
                backends,
                batch);
    }

    private static BackendConfig backend(JsonNode n, BackendConfig d, String where) {
        requireKnown(n, BACKEND_KEYS, "backends." + where);
        FaultRates f = d.faults();
        JsonNode fn = n.path("faults");
        if (fn.isObject()) {
            requireKnown(fn, FAULT_KEYS, "backends." + where + ".faults");
            f = new FaultRates(
                    fn.path("http5xx").asDouble(f.http5xx()),
                    fn.path("http429").asDouble(f.http429()),
                    fn.path("hang").asDouble(f.hang()),
                    fn.path("malformed").asDouble(f.malformed()),
                    fn.path("drop").asDouble(f.drop()));
        }
        Long seed = n.has("seed") && !n.get("seed").isNull()
                ? Long.valueOf(n.get("seed").asLong())
                : d.seed();
        return new BackendConfig(
                n.path("slots").asInt(d.slots()),
                n.path("queueLimit").asInt(d.queueLimit()),
                n.path("baseMs").asLong(d.baseMs()),
                n.path("perUnitMs").asDouble(d.perUnitMs()),
                n.path("jitterSigma").asDouble(d.jitterSigma()),
                f,
                seed,
                n.path("model").asString(d.model()),
                n.path("contextLength").asInt(d.contextLength()),
                n.path("tokensPerMinute").asLong(d.tokensPerMinute()),
                n.path("invalidStructuredOutputRatio").asDouble(d.invalidStructuredOutputRatio()));
    }

    private static Path path(JsonNode n, String key, Path baseDir) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        Path p = Path.of(v.asString());
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    }

    private static void requireKnown(JsonNode n, Set<String> known, String where) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " must be a mapping");
        }
        for (String k : n.propertyNames()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' in " + where + "; known keys: " + known);
            }
        }
    }
}
