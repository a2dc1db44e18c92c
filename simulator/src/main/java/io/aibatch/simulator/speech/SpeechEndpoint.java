package io.aibatch.simulator.speech;

import io.aibatch.simulator.content.GroundTruthStore;
import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.engine.Fault;
import io.aibatch.simulator.engine.RequestPlan;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * The Speech-to-text container's WebSocket endpoint, as the Speech SDK uses it
 * ({@code SpeechConfig.fromHost("ws://host:port")}): continuous recognition opens
 * {@code /speech/recognition/conversation/cognitiveservices/v1?language=xx-XX}, single-shot
 * {@code /speech/recognition/interactive/...}, dictation {@code /speech/recognition/dictation/...}, each with the
 * {@code USP} sub-protocol. One {@link SpeechConnection} serves each connection.
 *
 * <p>Refusals happen at the upgrade, where the SDK reports them as cancellation error codes: 429 (all decoders busy
 * and the queue full, or an injected {@code http429}) becomes TooManyRequests, 503 (injected {@code http5xx}, a
 * container that is restarting) ServiceUnavailable, 400 (no language) BadRequest.
 */
public final class SpeechEndpoint {

    public static final List<String> PATHS = List.of(
            "/speech/recognition/conversation/cognitiveservices/v1",
            "/speech/recognition/interactive/cognitiveservices/v1",
            "/speech/recognition/dictation/cognitiveservices/v1");
    /** Continuation contexts remembered for clients that reconnect; old ones are forgotten first. */
    private static final int MAX_CONTINUATIONS = 10_000;

    /**
     * How to continue a recognition on a new connection: the plan, and where the client's stream offsets sit on it.
     *
     * @param planMinusClient plan sample minus the client's (SDK-session) sample for the same instant
     */
    record Continuation(PhrasePlan plan, long planMinusClient) {}

    private final BackendRuntime runtime;
    private final KnownAudioIndex index;
    private final ScheduledExecutorService scheduler;
    private final Map<GroundTruthStore.KnownAudio, PhrasePlan> knownPlans = new IdentityHashMap<>();
    private final Map<String, Continuation> continuations = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Continuation> eldest) {
            return size() > MAX_CONTINUATIONS;
        }
    };

    public SpeechEndpoint(BackendRuntime runtime, GroundTruthStore truth, ScheduledExecutorService scheduler) {
        this.runtime = runtime;
        this.index = new KnownAudioIndex(truth.knownAudio());
        this.scheduler = scheduler;
        runtime.onReset(() -> {
            synchronized (continuations) {
                continuations.clear();
            }
        });
    }

    /** Adds the endpoint's paths to a Jetty WebSocket container. */
    public void configure(ServerWebSocketContainer container, Duration idleTimeout) {
        container.setIdleTimeout(idleTimeout);
        container.setMaxBinaryMessageSize(4 * 1024 * 1024);
        container.setMaxTextMessageSize(1024 * 1024);
        for (String path : PATHS) {
            container.addMapping(path, this::create);
        }
    }

    private Object create(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String language = query.getValue("language");
        if (language == null || language.isBlank()) {
            runtime.stats().error("http400");
            return refuse(response, callback, 400, null);
        }
        RequestPlan plan = runtime.plan(1.0);
        if (plan.fault() == Fault.HTTP_429) {
            runtime.stats().throttled();
            runtime.stats().error(Fault.HTTP_429.key());
            return refuse(response, callback, 429, runtime.retryAfterSeconds(10));
        }
        if (plan.fault() == Fault.HTTP_5XX) {
            runtime.stats().error(Fault.HTTP_5XX.key());
            return refuse(response, callback, 503, null);
        }
        if (runtime.saturated()) {
            runtime.stats().throttled();
            return refuse(response, callback, 429, runtime.retryAfterSeconds(10));
        }
        if (request.hasSubProtocol("USP")) {
            response.setAcceptedSubProtocol("USP");
        }
        return new SpeechConnection(this, plan); // recognition does not depend on the language
    }

    /** A refused upgrade counts as a request; an accepted connection counts one per turn that carries audio. */
    private Object refuse(ServerUpgradeResponse response, Callback callback, int status, Long retryAfterSeconds) {
        runtime.stats().request();
        response.setStatus(status);
        if (retryAfterSeconds != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        callback.succeeded();
        return null;
    }

    BackendRuntime runtime() {
        return runtime;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    KnownAudioIndex index() {
        return index;
    }

    PhrasePlan planFor(GroundTruthStore.KnownAudio audio) {
        synchronized (knownPlans) {
            return knownPlans.computeIfAbsent(
                    audio, a -> PhrasePlan.known(a.name(), a.transcript(), a.samples().length));
        }
    }

    void remember(String serviceTag, Continuation continuation) {
        synchronized (continuations) {
            continuations.put(serviceTag, continuation);
        }
    }

    Continuation continuation(String serviceTag) {
        if (serviceTag == null) {
            return null;
        }
        synchronized (continuations) {
            return continuations.get(serviceTag);
        }
    }
}
