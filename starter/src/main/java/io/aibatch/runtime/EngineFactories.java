package io.aibatch.runtime;

import io.aibatch.engine.Engine;
import io.aibatch.engine.EngineFactory;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Every {@link EngineFactory} bean, looked up by kind and name. */
public final class EngineFactories {

    private final List<EngineFactory<?>> factories;

    public EngineFactories(List<EngineFactory<?>> factories) {
        this.factories = List.copyOf(factories);
    }

    /** The factory of that kind and name, if there is one (none for a null or blank name). */
    @SuppressWarnings("unchecked")
    public <E> Optional<EngineFactory<E>> find(Class<E> kind, @Nullable String name) {
        return factories.stream()
                .filter(f ->
                        kind.isAssignableFrom(f.kind()) && f.name().equalsIgnoreCase(name == null ? "" : name.strip()))
                .map(f -> (EngineFactory<E>) f)
                .findFirst();
    }

    /** The factory of that kind and name, or a usage error naming {@code option} and the choices there are. */
    public <E> EngineFactory<E> get(Class<E> kind, @Nullable String name, String option) {
        return find(kind, name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown " + option + " engine '" + name + "'; choose " + names(kind)));
    }

    /** The names of the factories of {@code kinds}, for messages. */
    @SafeVarargs
    public final String names(Class<?>... kinds) {
        return factories.stream()
                .filter(f -> java.util.Arrays.stream(kinds).anyMatch(k -> k.isAssignableFrom(f.kind())))
                .map(EngineFactory::name)
                .sorted()
                .collect(Collectors.joining(", "));
    }

    /** The hint of the engine named {@code engine} (an engine's {@link Engine#name()} may add a model: {@code kaito/phi}). */
    public Optional<String> configurationHint(String engine) {
        String base = engine.contains("/") ? engine.substring(0, engine.indexOf('/')) : engine;
        return factories.stream()
                .filter(f -> f.makesEngine(base))
                .map(EngineFactory::configurationHint)
                .findFirst();
    }
}
