package io.aibatch.jobs.audio;

import io.aibatch.engine.BackendEndpoints;
import io.aibatch.engine.EngineFactory;
import io.aibatch.engine.speech.TranscriptionEngine;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.EngineFactories;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the transcription engine a run asks for, once per (engine, endpoint) in this JVM, so that every slice of
 * a run shares one client, one connection pool and one concurrency bound. Closed with the application context.
 */
public final class TranscriptionEngines implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TranscriptionEngines.class);

    private final AibatchProperties.Transcription settings;
    private final EngineFactories factories;
    private final Map<String, TranscriptionEngine> engines = new ConcurrentHashMap<>();

    public TranscriptionEngines(AibatchProperties.Transcription settings, EngineFactories factories) {
        this.settings = settings;
        this.factories = factories;
    }

    /**
     * @param engine   the run's choice, or null for the configured default
     * @param endpoint the run's endpoint, or null for the configured one
     */
    public TranscriptionEngine get(String engine, String endpoint) {
        EngineFactory<TranscriptionEngine> factory = factory(engine);
        URI url = endpoint(factory.name(), endpoint);
        return engines.computeIfAbsent(factory.name() + " " + url, k -> create(factory, url));
    }

    /**
     * Refuses, before anything is planned, an endpoint with credentials in its URL and one that counts as cloud: audio
     * is unchecked content (nothing can tell whether a recording is restricted before it is transcribed), so only an
     * in-cluster engine may hear it. No engine is created.
     */
    public void validate(String engine, String endpoint) {
        EngineFactory<TranscriptionEngine> factory = factory(engine);
        URI url = endpoint(factory.name(), endpoint);
        BackendEndpoints.requireInCluster(
                "--transcription-endpoint",
                url,
                factory.locality(url),
                factory.localitySetting(),
                "audio, which nothing has checked");
    }

    /** The run's engine, or the configured default. */
    public EngineFactory<TranscriptionEngine> factory(String engine) {
        String name = engine == null || engine.isBlank() ? settings.engine() : engine;
        return factories.get(TranscriptionEngine.class, name, "--transcription");
    }

    private URI endpoint(String kind, String endpoint) {
        String url = endpoint == null || endpoint.isBlank() ? settings.endpoint() : endpoint.strip();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "no endpoint for the " + kind + " transcription engine: pass --transcription-endpoint URL "
                            + "or set aibatch.transcription.endpoint");
        }
        return BackendEndpoints.check("--transcription-endpoint", url);
    }

    private static TranscriptionEngine create(EngineFactory<TranscriptionEngine> factory, URI endpoint) {
        TranscriptionEngine engine = factory.create(endpoint, factory.locality(endpoint));
        log.info("transcription engine: {} ({})", engine.name(), engine.locality());
        return engine;
    }

    @Override
    public void close() {
        engines.values().forEach(TranscriptionEngine::close);
        engines.clear();
    }
}
