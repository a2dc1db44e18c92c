package io.aibatch.simulator;

import io.aibatch.simulator.audio.TranscriptionHandler;
import io.aibatch.simulator.batch.BatchHandler;
import io.aibatch.simulator.batch.BatchService;
import io.aibatch.simulator.config.SimulatorConfig;
import io.aibatch.simulator.content.GroundTruthStore;
import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.http.AdminHandler;
import io.aibatch.simulator.http.BackendHandler;
import io.aibatch.simulator.http.HangRegistry;
import io.aibatch.simulator.http.RequestObservers;
import io.aibatch.simulator.http.SimulatorHandler;
import io.aibatch.simulator.llm.AzureOpenAiHandler;
import io.aibatch.simulator.llm.VllmHandler;
import io.aibatch.simulator.ocr.DocIntelHandler;
import io.aibatch.simulator.ocr.DocumentFetcher;
import io.aibatch.simulator.ocr.OperationStore;
import io.aibatch.simulator.ocr.ReadHandler;
import io.aibatch.simulator.speech.SpeechEndpoint;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A running simulator: one Jetty server on one port serving every simulated backend, plus /_sim/ admin endpoints.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
 *     URI read = URI.create(sim.baseUrl() + "/vision/v3.2/read/analyze");
 *     ...
 *     sim.stats(Backend.READ).throttled();
 * }
 * }</pre>
 *
 * Service time is simulated with a scheduler, not with sleeping threads: a request waiting for its turn or for its
 * service time holds no thread, so thousands of concurrent requests cost only memory.
 */
public final class Simulator implements AutoCloseable {

    private final SimulatorConfig config;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService scheduler;
    private final Map<Backend, BackendRuntime> runtimes;
    private final RequestObservers observers;
    private final HangRegistry hangs;
    private final OperationStore operations;
    private final BatchService batches;

    private Simulator(
            SimulatorConfig config,
            Server server,
            ServerConnector connector,
            ScheduledExecutorService scheduler,
            Map<Backend, BackendRuntime> runtimes,
            RequestObservers observers,
            HangRegistry hangs,
            OperationStore operations,
            BatchService batches) {
        this.config = config;
        this.server = server;
        this.connector = connector;
        this.scheduler = scheduler;
        this.runtimes = runtimes;
        this.observers = observers;
        this.hangs = hangs;
        this.operations = operations;
        this.batches = batches;
    }

    /** Starts a simulator and returns once it accepts connections. */
    public static Simulator start(SimulatorConfig config) throws Exception {
        return start(config, null);
    }

    /** Starts a simulator whose API endpoints answer 401 unless a request carries {@code apiKey} (null: no check). */
    public static Simulator start(SimulatorConfig config, String apiKey) throws Exception {
        GroundTruthStore truth = GroundTruthStore.load(config.groundTruth());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "simulator-scheduler");
            t.setDaemon(true);
            return t;
        });
        Map<Backend, BackendRuntime> runtimes = new EnumMap<>(Backend.class);
        for (Backend b : Backend.values()) {
            runtimes.put(b, new BackendRuntime(b, config.backend(b), config.seedFor(b), scheduler));
        }
        OperationStore operations = new OperationStore();
        DocumentFetcher fetcher = new DocumentFetcher();
        AzureOpenAiHandler azureOpenAi = new AzureOpenAiHandler(runtimes.get(Backend.AZURE_OPENAI));
        BatchService batches = new BatchService(
                config.batch(), scheduler, azureOpenAi::answerForBatch, config.seedFor(Backend.AZURE_OPENAI));
        List<BackendHandler> handlers = List.of(
                // before the chat handler, which owns the rest of /openai/
                new BatchHandler(runtimes.get(Backend.AZURE_OPENAI), batches),
                new ReadHandler(runtimes.get(Backend.READ), truth, operations, fetcher),
                new DocIntelHandler(runtimes.get(Backend.DOC_INTEL), truth, operations, fetcher),
                azureOpenAi,
                new TranscriptionHandler(runtimes.get(Backend.TRANSCRIPTION), truth),
                new VllmHandler(runtimes.get(Backend.VLLM)));
        RequestObservers observers = new RequestObservers();
        HangRegistry hangs = new HangRegistry();

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("simulator-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeoutMs());
        // A burst of 128+ clients connecting at once must not overflow the listen backlog (a SYN retry costs 1 s)
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);

        Simulator[] self = new Simulator[1];
        AdminHandler admin = new AdminHandler(runtimes, () -> self[0].reset(), batches);
        // The Speech SDK's WebSocket (Speech-to-text container) sits between the root context and the HTTP router, on
        // the same port: upgrade requests to its paths become WebSocket connections, everything else goes on.
        ContextHandler root = new ContextHandler("/");
        SpeechEndpoint speech = new SpeechEndpoint(runtimes.get(Backend.SPEECH), truth, scheduler);
        WebSocketUpgradeHandler webSockets = WebSocketUpgradeHandler.from(
                server, root, container -> speech.configure(container, Duration.ofMillis(config.idleTimeoutMs())));
        webSockets.setHandler(new SimulatorHandler(
                handlers, runtimes, admin, observers, hangs, new io.aibatch.simulator.http.ApiKeyGate(apiKey)));
        root.setHandler(webSockets);
        server.setHandler(root);
        // No graceful drain: hung requests (fault "hang") would hold it up, and a simulator has nothing to save
        server.setStopTimeout(0);
        server.start();
        self[0] = new Simulator(config, server, connector, scheduler, runtimes, observers, hangs, operations, batches);
        return self[0];
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** e.g. {@code http://127.0.0.1:41234}, no trailing slash. */
    public String baseUrl() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + host + ":" + port();
    }

    /**
     * The Speech-to-text container endpoint for {@code SpeechConfig.fromHost(URI.create(sim.speechHost()))}, e.g.
     * {@code ws://127.0.0.1:41234}: the same server and port as {@link #baseUrl()}.
     */
    public String speechHost() {
        return baseUrl().replaceFirst("^http", "ws");
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Counters of every backend, in {@link Backend} order. */
    public Map<Backend, BackendStats> stats() {
        Map<Backend, BackendStats> out = new EnumMap<>(Backend.class);
        runtimes.forEach((b, r) -> out.put(b, r.snapshot()));
        return out;
    }

    public BackendStats stats(Backend backend) {
        return runtimes.get(backend).snapshot();
    }

    /**
     * Calls {@code observer} with every request the backend receives (before it is acted on), on a server thread.
     * Close the returned handle to stop observing.
     */
    public AutoCloseable onRequest(Backend backend, Consumer<ReceivedRequest> observer) {
        return observers.add(backend, observer);
    }

    /**
     * Zeroes counters, restarts every backend's request sequence (so the next requests see the same faults and
     * delays as after start) and forgets stored operation results, files and batches.
     */
    public void reset() {
        runtimes.values().forEach(BackendRuntime::reset);
        operations.clear();
        batches.clear();
    }

    /** Stops the server; requests left hanging by the 'hang' fault are released. */
    @Override
    public void close() throws Exception {
        try {
            hangs.releaseAll();
            server.stop();
        } finally {
            scheduler.shutdownNow();
            batches.close();
        }
    }
}
