package io.aibatch.jobs.openaibatch;

import io.aibatch.engine.BackendEndpoints;
import io.aibatch.engine.Locality;
import io.aibatch.engine.speech.EndpointLocality;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.resilience.CallObserver;
import io.aibatch.routing.detect.IdentifierDetector;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.InputUnusableException;
import io.aibatch.runtime.Pipeline;
import io.aibatch.runtime.Preflight;
import io.aibatch.runtime.RunParameters;
import io.aibatch.source.ItemSource;
import io.aibatch.source.SourceOptions;
import io.aibatch.store.Locations;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code openai-batch}: the lines of OpenAI Batch input files, each request sent to {@code --llm-endpoint} through
 * the backend executor, each reply written as a Batch output line; at the end {@code output.jsonl} and
 * {@code errors.jsonl} ({@link BatchOutputFiles}). The endpoint may be in the cluster (a KAITO workspace, the
 * default) or not: restricted-content detection runs on every request's text, and a CLOUD endpoint gets only the
 * lines it clears (the others are dead-lettered as {@code restricted}; {@link io.aibatch.engine.LocalityGuard} stops
 * any that would slip through).
 */
final class OpenAiBatchPipeline implements Pipeline, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenAiBatchPipeline.class);

    /** How many duplicate custom_ids the refusal lists. */
    static final int DUPLICATES_LISTED = 10;

    private final AibatchProperties properties;
    private final long maxLineBytes;
    private final BackendExecutors backends;
    private final List<IdentifierDetector> detectors;
    /** One client per endpoint per JVM, shared by every slice (it holds the connection pool). */
    private final Map<String, OpenAiEndpoint> endpoints = new ConcurrentHashMap<>();

    OpenAiBatchPipeline(
            AibatchProperties properties,
            long maxLineBytes,
            BackendExecutors backends,
            List<IdentifierDetector> detectors) {
        this.maxLineBytes = maxLineBytes;
        this.properties = properties;
        this.backends = backends;
        this.detectors = List.copyOf(detectors);
    }

    @Override
    public String jobName() {
        return OpenAiBatchDefinition.NAME;
    }

    /** The items are the lines of the JSONL files of --input (a .jsonl file, a directory or a container of them). */
    @Override
    public ItemSource source(RunParameters run, SourceOptions options) {
        return Locations.jsonlLines(run.input(), options);
    }

    /**
     * Unless {@code --allow-duplicate-ids true}: the custom_ids are unique. One pass over the lines, before the run is
     * created, so a refusal (exit 65, the first duplicates listed) leaves no failed run behind and sends no request.
     */
    @Override
    public void checkInput(RunParameters run, SourceOptions options) throws IOException {
        if (run.option(OpenAiBatchDefinition.ALLOW_DUPLICATE_IDS.name(), "false")
                .equals("true")) {
            return;
        }
        long started = System.nanoTime();
        DuplicateIds duplicates = new DuplicateIds(DUPLICATES_LISTED, maxLineBytes, OpenAiBatchPipeline::refusal);
        Locations.jsonlLines(run.input(), options, duplicates).check();
        log.info(
                "custom_ids checked: {} ids, no duplicates ({} ms)",
                duplicates.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public ItemHandler handler(ItemSource source, RunParameters run, CallObserver observer) {
        OpenAiEndpoint endpoint = endpoint(run);
        return new OpenAiBatchHandler(
                source,
                endpoint,
                backends.forBackend(endpoint.name()),
                observer,
                detectors,
                run.option(OpenAiBatchDefinition.MODEL.name()),
                maxLineBytes);
    }

    /**
     * Before anything is planned: --llm-endpoint is given and usable, no --cloud-llm-endpoint, --allow-duplicate-ids is
     * true or false. (The custom_ids are checked just before the run is created: {@link #checkInput}.)
     */
    @Override
    public void validate(RunParameters run) {
        String url = run.llm().inCluster();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(OpenAiBatchDefinition.NAME
                    + " needs --llm-endpoint, the OpenAI-compatible server (e.g. a KAITO workspace's service,"
                    + " http://workspace-phi-4-mini.kaito)");
        }
        BackendEndpoints.check("--llm-endpoint", url);
        if (run.llm().cloud() != null && !run.llm().cloud().isBlank()) {
            throw new IllegalArgumentException(
                    OpenAiBatchDefinition.NAME
                            + " sends every line to --llm-endpoint; drop --cloud-llm-endpoint (a cloud server is given as"
                            + " --llm-endpoint with --llm-locality cloud, and gets only the lines the restriction check clears)");
        }
        String allow = run.option(OpenAiBatchDefinition.ALLOW_DUPLICATE_IDS.name(), "false");
        if (!allow.equals("true") && !allow.equals("false")) {
            throw new IllegalArgumentException(
                    OpenAiBatchDefinition.ALLOW_DUPLICATE_IDS.flag() + " is true or false, not '" + allow + "'");
        }
    }

    /** Refuses the input with its first duplicate custom_ids (exit 65). */
    private static InputUnusableException refusal(List<DuplicateIds.Duplicate> duplicates) {
        return new InputUnusableException("custom_id must be unique, but "
                + (duplicates.size() >= DUPLICATES_LISTED
                        ? "these (the first " + DUPLICATES_LISTED + ") are"
                        : "these are")
                + " used twice: "
                + duplicates.stream().map(DuplicateIds.Duplicate::toString).collect(Collectors.joining("; "))
                + ". Fix the input, or run it anyway with " + OpenAiBatchDefinition.ALLOW_DUPLICATE_IDS.flag()
                + " true (each line is then its own item, and output.jsonl has a line for each)");
    }

    /** Probed before planning: the server answers GET /v1/models. */
    @Override
    public List<Preflight.Endpoint> endpoints(RunParameters run) {
        return Preflight.Endpoint.llms(run.llm());
    }

    @Override
    public Locality firstEngineLocality(RunParameters run) {
        return Locality.IN_CLUSTER; // the restriction check reads each line here before any engine sees it
    }

    /** The run's tokens are priced as Azure OpenAI's when the endpoint is a cloud one. */
    @Override
    public List<String> apiSpend(RunParameters run) {
        return locality(run) == Locality.CLOUD ? List.of("azure-openai") : List.of();
    }

    private OpenAiEndpoint endpoint(RunParameters run) {
        String url = run.llm().inCluster();
        Locality locality = locality(run);
        URI uri = BackendEndpoints.check("--llm-endpoint", url);
        // aibatch.backends.kaito.* drives an in-cluster server (vLLM never throttles: the latency guard finds its
        // capacity); a cloud server has settings of its own, aibatch.backends.openai-compatible.*
        String name = (locality == Locality.CLOUD ? "openai-compatible/" : "kaito/") + uri.getAuthority();
        return endpoints.computeIfAbsent(
                name + "|" + locality,
                key -> new OpenAiEndpoint(
                        name,
                        url,
                        locality,
                        apiKey(),
                        properties.llm().timeout(),
                        // a connection for every call the backend executor lets be in flight at once
                        Math.max(
                                backends.policy(name).maxConcurrency(),
                                backends.policy(name).initialConcurrency())));
    }

    /** The endpoints' connections are closed with the application. */
    @Override
    public void close() {
        endpoints.values().forEach(OpenAiEndpoint::close);
        endpoints.clear();
    }

    /** Where --llm-endpoint runs: --llm-locality, else aibatch.llm.locality (auto: by its address). */
    private Locality locality(RunParameters run) {
        URI uri = BackendEndpoints.check("--llm-endpoint", run.llm().inCluster());
        return EndpointLocality.resolve(
                run.option(RunParameters.LLM_LOCALITY, properties.llm().locality()), uri);
    }

    private String apiKey() {
        if (!properties.llm().apiKey().isBlank()) {
            return properties.llm().apiKey();
        }
        String key = System.getenv("KAITO_API_KEY");
        return key == null ? "" : key;
    }
}
