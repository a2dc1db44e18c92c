package io.aibatch.runtime;

import io.aibatch.engine.BackendEndpoints;
import io.aibatch.engine.Locality;
import io.aibatch.engine.speech.AzureSpeechContainerEngine;
import io.aibatch.engine.speech.EndpointLocality;
import io.aibatch.engine.speech.OpenAiTranscriptionEngine;
import io.aibatch.engine.speech.TranscriptionEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the transcription engine a run asks for, once per (engine, endpoint) in this JVM, so that every slice of
 * a run shares one client, one connection pool and one concurrency bound. Closed with the application context.
 */
public final class TranscriptionEngines implements AutoCloseable {

    public static final String OPENAI = "openai";
    public static final String AZURE_SPEECH_CONTAINER = "azure-speech-container";

    private static final Logger log = LoggerFactory.getLogger(TranscriptionEngines.class);

    private final AibatchProperties.Transcription settings;
    private final Map<String, TranscriptionEngine> engines = new ConcurrentHashMap<>();

    public TranscriptionEngines(AibatchProperties.Transcription settings) {
        this.settings = settings;
    }

    /**
     * @param engine   the run's choice, or null for the configured default
     * @param endpoint the run's endpoint, or null for the configured one
     */
    public TranscriptionEngine get(String engine, String endpoint) {
        String kind = kind(engine);
        URI url = endpoint(kind, endpoint);
        return engines.computeIfAbsent(kind + " " + url, k -> create(kind, url));
    }

    /**
     * Refuses, before anything is planned, an endpoint with credentials in its URL and one that counts as cloud: audio
     * is unchecked content (nothing can tell whether a recording is restricted before it is transcribed), so only an
     * in-cluster engine may hear it. No engine is created.
     */
    public void validate(String engine, String endpoint) {
        String kind = kind(engine);
        URI url = endpoint(kind, endpoint);
        BackendEndpoints.requireInCluster("--transcription-endpoint", url, locality(kind, url), "aibatch.transcription."
                + (kind.equals(OPENAI) ? "openai" : "speech-container") + ".locality", "audio, which nothing has checked");
    }

    private String kind(String engine) {
        String kind = (engine == null || engine.isBlank() ? settings.engine() : engine).strip().toLowerCase(Locale.ROOT);
        if (!kind.equals(OPENAI) && !kind.equals(AZURE_SPEECH_CONTAINER)) {
            throw new IllegalArgumentException("unknown transcription engine '" + kind + "'; use " + OPENAI + " or " + AZURE_SPEECH_CONTAINER);
        }
        return kind;
    }

    private URI endpoint(String kind, String endpoint) {
        String url = endpoint == null || endpoint.isBlank() ? settings.endpoint() : endpoint.strip();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no endpoint for the " + kind + " transcription engine: pass --transcription-endpoint URL "
                    + "or set aibatch.transcription.endpoint");
        }
        return BackendEndpoints.check("--transcription-endpoint", url);
    }

    private Locality locality(String kind, URI endpoint) {
        return EndpointLocality.resolve(kind.equals(OPENAI) ? settings.openai().locality() : settings.speechContainer().locality(), endpoint);
    }

    private TranscriptionEngine create(String kind, URI endpoint) {
        TranscriptionEngine engine = switch (kind) {
            case OPENAI -> {
                AibatchProperties.OpenAi o = settings.openai();
                yield new OpenAiTranscriptionEngine(new OpenAiTranscriptionEngine.Settings(endpoint, o.apiKey(), o.model(),
                        o.responseFormat(), o.language().isBlank() ? null : o.language(), locality(kind, endpoint),
                        o.timeout()));
            }
            case AZURE_SPEECH_CONTAINER -> {
                AibatchProperties.SpeechContainer s = settings.speechContainer();
                yield new AzureSpeechContainerEngine(new AzureSpeechContainerEngine.Settings(endpoint, s.language(),
                        locality(kind, endpoint), s.sdkMaxRetries(), s.maxResumes(), s.sendRatePercent()));
            }
            default -> throw new IllegalArgumentException("unknown transcription engine '" + kind + "'; use " + OPENAI + " or "
                    + AZURE_SPEECH_CONTAINER);
        };
        log.info("transcription engine: {} ({})", engine.name(), engine.locality());
        return engine;
    }

    @Override
    public void close() {
        engines.values().forEach(TranscriptionEngine::close);
        engines.clear();
    }
}
