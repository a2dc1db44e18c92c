package io.aibatch.engine;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Makes the engines of one kind that a run names, e.g. {@code --ocr read-container}: each engine is one factory
 * registered as a Spring bean, found by {@link #kind()} and {@link #name()}. Adding an OCR, chat or transcription
 * engine is adding a factory bean; nothing else names it.
 *
 * @param <E> the kind of engine, e.g. {@link io.aibatch.engine.ocr.RemoteOcrEngine}
 */
public interface EngineFactory<E> {

    /** What a run calls it by, e.g. {@code read-container}; unique within its kind. */
    String name();

    /** The engine interface it makes; jobs ask for factories of a kind. */
    Class<E> kind();

    /** Whether the engine talks to an endpoint ({@code false} for one embedded in this JVM). */
    default boolean remote() {
        return true;
    }

    /** Where an engine at {@code endpoint} runs when the run does not say: the engine's configured locality. */
    default Locality locality(@Nullable URI endpoint) {
        return io.aibatch.engine.speech.EndpointLocality.resolve("auto", endpoint);
    }

    /**
     * An engine for {@code endpoint} (null for an embedded engine) that runs at {@code locality}. Callers cache what they
     * create: one client per endpoint and JVM.
     */
    E create(@Nullable URI endpoint, Locality locality);

    /**
     * An engine for {@code endpoint} that runs at {@code locality} and serves {@code model}: the model or deployment a
     * run names (e.g. {@code --cloud-llm-deployment}), or null for the one the engine's configuration names. Engines
     * without a choice of model ignore it.
     */
    default E create(@Nullable URI endpoint, Locality locality, @Nullable String model) {
        return create(endpoint, locality);
    }

    /**
     * Whether engines of this factory report themselves as {@code engineName} (an {@link Engine#name()} before any
     * {@code /model} suffix): the factory's name unless it says otherwise, e.g. a Read client in the cloud is
     * {@code read-cloud}.
     */
    default boolean makesEngine(String engineName) {
        return name().equalsIgnoreCase(engineName);
    }

    /** The setting that says where this engine's endpoints run, for messages (e.g. {@code aibatch.ocr.locality}). */
    default String localitySetting() {
        return "the locality of the " + name() + " engine";
    }

    /** What an operator checks when the backend refuses the configuration (a 401, 403 or 404 on every call). */
    default String configurationHint() {
        return "the " + name() + " endpoint and its key";
    }

    /**
     * A factory for an engine behind an endpoint.
     *
     * @param localitySetting see {@link #localitySetting()}
     * @param locality where an endpoint runs by this engine's configuration
     * @param create   makes the engine for an endpoint and locality
     * @param hint     see {@link #configurationHint()}
     */
    static <E> EngineFactory<E> remote(
            String name,
            Class<E> kind,
            String localitySetting,
            java.util.function.Function<@Nullable URI, Locality> locality,
            java.util.function.BiFunction<@Nullable URI, Locality, E> create,
            String hint) {
        return remote(name, kind, localitySetting, locality, (endpoint, at, model) -> create.apply(endpoint, at), hint);
    }

    /** Makes an engine for an endpoint, locality and model (null: the configured one); see {@link #create(URI, Locality, String)}. */
    @FunctionalInterface
    interface Creator<E> {
        E create(@Nullable URI endpoint, Locality locality, @Nullable String model);
    }

    /** A factory for an engine behind an endpoint that serves the model a run names (a chat engine, say). */
    static <E> EngineFactory<E> remote(
            String name,
            Class<E> kind,
            String localitySetting,
            java.util.function.Function<@Nullable URI, Locality> locality,
            Creator<E> create,
            String hint) {
        return new EngineFactory<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Class<E> kind() {
                return kind;
            }

            @Override
            public Locality locality(@Nullable URI endpoint) {
                return locality.apply(endpoint);
            }

            @Override
            public String localitySetting() {
                return localitySetting;
            }

            @Override
            public E create(@Nullable URI endpoint, Locality at) {
                return create.create(endpoint, at, null);
            }

            @Override
            public E create(@Nullable URI endpoint, Locality at, @Nullable String model) {
                return create.create(endpoint, at, model);
            }

            @Override
            public String configurationHint() {
                return hint;
            }
        };
    }

    /**
     * {@code factory}, whose engines also report themselves as {@code otherNames} (see {@link #makesEngine(String)}).
     */
    static <E> EngineFactory<E> alsoNaming(EngineFactory<E> factory, String... otherNames) {
        java.util.List<String> names = java.util.List.of(otherNames);
        return new EngineFactory<>() {
            @Override
            public String name() {
                return factory.name();
            }

            @Override
            public Class<E> kind() {
                return factory.kind();
            }

            @Override
            public boolean remote() {
                return factory.remote();
            }

            @Override
            public Locality locality(@Nullable URI endpoint) {
                return factory.locality(endpoint);
            }

            @Override
            public E create(@Nullable URI endpoint, Locality locality) {
                return factory.create(endpoint, locality);
            }

            @Override
            public E create(@Nullable URI endpoint, Locality locality, @Nullable String model) {
                return factory.create(endpoint, locality, model);
            }

            @Override
            public boolean makesEngine(String engineName) {
                return factory.makesEngine(engineName) || names.stream().anyMatch(engineName::equalsIgnoreCase);
            }

            @Override
            public String localitySetting() {
                return factory.localitySetting();
            }

            @Override
            public String configurationHint() {
                return factory.configurationHint();
            }
        };
    }

    /** A factory for an engine embedded in this JVM (in the cluster by construction; no endpoint). */
    static <E> EngineFactory<E> embedded(String name, Class<E> kind, java.util.function.Supplier<E> create) {
        return new EngineFactory<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Class<E> kind() {
                return kind;
            }

            @Override
            public boolean remote() {
                return false;
            }

            @Override
            public Locality locality(@Nullable URI endpoint) {
                return Locality.IN_CLUSTER;
            }

            @Override
            public E create(@Nullable URI endpoint, Locality at) {
                return create.get();
            }
        };
    }
}
