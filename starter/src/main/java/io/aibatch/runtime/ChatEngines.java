package io.aibatch.runtime;

import io.aibatch.engine.BackendEndpoints;
import io.aibatch.engine.EngineFactory;
import io.aibatch.engine.Locality;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.speech.EndpointLocality;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The chat engines a run names: the in-cluster model at {@code --llm-endpoint} and the cloud one at
 * {@code --cloud-llm-endpoint}, made by the {@link EngineFactory} beans of chat engines that {@code aibatch.llm.engine}
 * and {@code aibatch.cloud-llm.engine} name. One client per engine, endpoint, locality and model in this JVM, shared by
 * every slice (it holds the connection pool and the discovered model), closed with the application context.
 */
public final class ChatEngines implements AutoCloseable {

    private final AibatchProperties.Llm inClusterSettings;
    private final AibatchProperties.CloudLlm cloudSettings;
    private final EngineFactories factories;
    private final Map<String, ChatEngine> engines = new ConcurrentHashMap<>();

    public ChatEngines(
            AibatchProperties.Llm inClusterSettings,
            AibatchProperties.CloudLlm cloudSettings,
            EngineFactories factories) {
        this.inClusterSettings = inClusterSettings;
        this.cloudSettings = cloudSettings;
        this.factories = factories;
    }

    /** The run's in-cluster model, or null when it names none. */
    public @Nullable ChatEngine inCluster(RunParameters run) {
        String endpoint = run.llm().inCluster();
        if (blank(endpoint)) {
            return null;
        }
        EngineFactory<ChatEngine> factory = inClusterFactory();
        URI uri = BackendEndpoints.check("--llm-endpoint", endpoint);
        Locality locality = inClusterLocality(run);
        return engines.computeIfAbsent(
                factory.name() + " " + uri + " " + locality, key -> factory.create(uri, locality, null));
    }

    /** The run's cloud model (its deployment from {@code --cloud-llm-deployment}), or null when it names none. */
    public @Nullable ChatEngine cloud(RunParameters run) {
        String endpoint = run.llm().cloud();
        if (blank(endpoint)) {
            return null;
        }
        EngineFactory<ChatEngine> factory = cloudFactory();
        URI uri = BackendEndpoints.check("--cloud-llm-endpoint", endpoint);
        String deployment = run.llm().cloudDeployment();
        return engines.computeIfAbsent(
                factory.name() + " " + uri + " " + deployment, key -> factory.create(uri, Locality.CLOUD, deployment));
    }

    /**
     * Refuses the run's LLM endpoints before anything is planned: credentials in a URL, and an in-cluster model whose
     * endpoint counts as cloud, since it is given {@code inClusterContent} (content nobody has checked, say). The cloud
     * model is CLOUD by its role whatever its address; what it may see is the caller's routing.
     */
    public void validate(RunParameters run, String inClusterContent) {
        if (!blank(run.llm().inCluster())) {
            BackendEndpoints.requireInCluster(
                    "--llm-endpoint",
                    BackendEndpoints.check("--llm-endpoint", run.llm().inCluster()),
                    inClusterLocality(run),
                    "--llm-locality",
                    inClusterContent);
        }
        if (!blank(run.llm().cloud())) {
            BackendEndpoints.check("--cloud-llm-endpoint", run.llm().cloud());
        }
    }

    /**
     * Where the in-cluster model runs: the stricter of its in-cluster role and what its endpoint resolves to
     * ({@code --llm-locality}, else the engine's configured locality, {@code aibatch.llm.locality} for kaito).
     */
    public Locality inClusterLocality(RunParameters run) {
        URI uri = BackendEndpoints.check("--llm-endpoint", run.llm().inCluster());
        String configured = run.option(RunParameters.LLM_LOCALITY);
        return EndpointLocality.stricter(
                Locality.IN_CLUSTER,
                configured == null ? inClusterFactory().locality(uri) : EndpointLocality.resolve(configured, uri));
    }

    private EngineFactory<ChatEngine> inClusterFactory() {
        return factories.get(ChatEngine.class, inClusterSettings.engine(), "aibatch.llm.engine");
    }

    private EngineFactory<ChatEngine> cloudFactory() {
        return factories.get(ChatEngine.class, cloudSettings.engine(), "aibatch.cloud-llm.engine");
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    @Override
    public void close() throws Exception {
        for (ChatEngine engine : engines.values()) {
            if (engine instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        engines.clear();
    }
}
