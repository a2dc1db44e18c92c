package io.aibatch.runtime;

import io.aibatch.document.DocumentLimits;
import io.aibatch.source.ChangedItemPolicy;
import io.aibatch.source.SourceFilter;
import io.aibatch.source.SourceOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code aibatch.*} configuration every job shares (run machinery, engines, restricted-data rules, reports, cost);
 * a job's own settings live in its own {@code @ConfigurationProperties} class. Defaults and explanations live in
 * config/application.yaml.
 */
@ConfigurationProperties("aibatch")
public record AibatchProperties(
        @DefaultValue("dev") String pipelineVersion,
        @DefaultValue("4") int partitions,
        @DefaultValue("8") int partitionThreads,
        @DefaultValue("20") int chunkSize,
        @DefaultValue("128") int window,
        @DefaultValue("16") int ioThreads,
        @DefaultValue(".aibatch") Path workDirectory,
        @DefaultValue("3") int maxRestartsPerSlice,
        @DefaultValue("25s") Duration shutdownGrace,
        @DefaultValue Ocr ocr,
        @DefaultValue Documents documents,
        @DefaultValue Restricted restricted,
        @DefaultValue Llm llm,
        @DefaultValue CloudLlm cloudLlm,
        @DefaultValue Cosmos cosmos,
        @DefaultValue Output output,
        @DefaultValue io.aibatch.runtime.kubernetes.KubernetesSettings kubernetes,
        @DefaultValue Transcription transcription,
        @DefaultValue Source source,
        Map<String, BackendSettings> backends,
        @DefaultValue Incremental incremental,
        @DefaultValue Cost cost,
        @DefaultValue Compare compare,
        @DefaultValue Metrics metrics,
        @DefaultValue Progress progress) {

    public AibatchProperties {
        backends = backends == null ? Map.of() : Map.copyOf(backends);
    }

    /**
     * @param engine   {@code embedded} (Tesseract in this JVM), {@code read-container} or {@code document-intelligence}
     * @param endpoint base URL of the remote OCR service
     * @param apiKey   sent to the remote service; from AIBATCH_OCR_API_KEY or a mounted secret, never from the command line
     * @param locality where the remote OCR endpoint runs: auto (loopback, private addresses and cluster names are
     *                 in-cluster, anything else is cloud), in-cluster or cloud; a cloud endpoint only gets items an
     *                 in-cluster run cleared (compare), because documents are unchecked before OCR
     */
    public record Ocr(
            @DefaultValue("embedded") String engine,
            String endpoint,
            String apiKey,
            @DefaultValue("false") boolean sync,
            @DefaultValue("prebuilt-read") String documentModel,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("250ms") Duration pollInterval,
            @DefaultValue("0") int threads,
            @DefaultValue Tesseract tesseract,
            @DefaultValue("auto") String locality) {

        public int effectiveThreads() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }
    }

    public record Tesseract(@DefaultValue("eng") String language, @DefaultValue("") String datapath) {}

    public record Documents(
            @DefaultValue("67108864") long maxBytes,
            @DefaultValue("40000000") long maxPixels,
            @DefaultValue("200") int maxPages,
            @DefaultValue("300") int renderDpi,
            @DefaultValue("16") int minTextLayerChars,
            @DefaultValue("5000") int maxTextPages,
            @DefaultValue("167772160") long maxDecodedBytes) {

        public DocumentLimits limits() {
            return new DocumentLimits(
                    maxBytes, maxPixels, maxPages, renderDpi, minTextLayerChars, maxTextPages, maxDecodedBytes);
        }
    }

    /**
     * @param labels     categories that are always restricted
     * @param detectors  identifier detectors: tfn, medicare, card-number
     * @param legacyTfn  also 8-digit TFNs right after "tax file number" / "TFN"
     * @param patterns   extra named regular expressions
     */
    public record Restricted(
            @DefaultValue({"medical-referral", "hr-record"}) List<String> labels,
            @DefaultValue({"tfn", "medicare", "card-number"}) List<String> detectors,
            @DefaultValue("true") boolean legacyTfn,
            List<Pattern> patterns) {

        public Restricted {
            patterns = patterns == null ? List.of() : List.copyOf(patterns);
        }
    }

    public record Pattern(String name, String regex) {}

    /**
     * The in-cluster LLM (KAITO/vLLM); its endpoint is given per run with --llm-endpoint.
     *
     * @param engine   the chat engine factory that talks to it: {@code kaito} (any OpenAI-compatible server) or the
     *                 name of an application's own {@link io.aibatch.engine.EngineFactory} bean of chat engines
     * @param locality where that endpoint runs (the run's --llm-locality wins): auto (loopback, private addresses and
     *                 cluster service names are in-cluster, anything else cloud), in-cluster or cloud. It sees restricted
     *                 documents, so an endpoint that resolves to cloud is refused.
     */
    public record Llm(
            @DefaultValue("120s") Duration timeout,
            @DefaultValue("") String model,
            @DefaultValue("") String apiKey,
            @DefaultValue("auto") String locality,
            @DefaultValue(EngineConfiguration.KAITO) String engine) {}

    /**
     * Azure OpenAI; endpoint and deployment per run (--cloud-llm-endpoint, --cloud-llm-deployment).
     *
     * @param engine the chat engine factory that talks to it: {@code azure-openai} or the name of an application's
     *               own {@link io.aibatch.engine.EngineFactory} bean of chat engines
     */
    public record CloudLlm(
            @DefaultValue("2024-10-21") String apiVersion,
            @DefaultValue("120s") Duration timeout,
            @DefaultValue("") String apiKey,
            @DefaultValue(EngineConfiguration.AZURE_OPENAI) String engine,
            @DefaultValue CloudLlmBatch batch) {

        /** The configured key, else env AZURE_OPENAI_API_KEY, else blank (then Azure identity is used). */
        public String effectiveApiKey() {
            if (!apiKey.isBlank()) {
                return apiKey;
            }
            String env = System.getenv(io.aibatch.engine.llm.AzureOpenAiChatEngine.API_KEY_ENV);
            return env == null ? "" : env;
        }
    }

    /**
     * Local output files (results, dead-letters, audit trail, reports).
     *
     * @param permissions {@code private} (default): files 0600 and directories 0700, since results hold the text of
     *                    restricted documents; {@code shared}: as the process umask says
     */
    public record Output(@DefaultValue("private") String permissions) {}

    /** For --output cosmos://db/container. */
    public record Cosmos(
            @DefaultValue("") String endpoint,
            @DefaultValue("") String key,
            @DefaultValue("/id") String partitionKeyPath,
            @DefaultValue("0") int throughput) {}

    /**
     * @param engine         {@code openai} or {@code azure-speech-container} (the run's --transcription wins)
     * @param endpoint       the engine's URL (the run's --transcription-endpoint wins)
     */
    public record Transcription(
            @DefaultValue("openai") String engine,
            @DefaultValue("") String endpoint,
            @DefaultValue OpenAi openai,
            @DefaultValue SpeechContainer speechContainer) {}

    public record OpenAi(
            @DefaultValue("whisper-1") String model,
            @DefaultValue("verbose_json") String responseFormat,
            @DefaultValue("") String apiKey,
            @DefaultValue("") String language,
            @DefaultValue("auto") String locality,
            @DefaultValue("300s") java.time.Duration timeout) {}

    /**
     * @param sdkMaxRetries   the Speech SDK's own reconnects (null = its default)
     * @param maxResumes      this engine's continuations of a file after the SDK gave up
     * @param sendRatePercent how fast the SDK sends audio, % of real time (null = the SDK's default, about 200)
     */
    public record SpeechContainer(
            @DefaultValue("en-US") String language,
            @DefaultValue("auto") String locality,
            Integer sdkMaxRetries,
            @DefaultValue("3") int maxResumes,
            Integer sendRatePercent) {}

    /**
     * How items are listed and read: the listing filters (the CLI's --include-suffix, --content-type, --min-size,
     * --max-size, --modified-after and --modified-before override them per run), what to do with a blob that changed
     * after planning, and the listing page size.
     */
    public record Source(
            List<String> includeSuffixes,
            List<String> contentTypes,
            DataSize minSize,
            DataSize maxSize,
            String modifiedAfter,
            String modifiedBefore,
            @DefaultValue("process-current") String changedBlobPolicy,
            @DefaultValue("5000") int pageSize) {

        public SourceFilter filter() {
            return new SourceFilter(
                    includeSuffixes,
                    contentTypes,
                    minSize == null ? null : minSize.toBytes(),
                    maxSize == null ? null : maxSize.toBytes(),
                    SourceFilter.parseTime(modifiedAfter, "aibatch.source.modified-after"),
                    SourceFilter.parseTime(modifiedBefore, "aibatch.source.modified-before"));
        }

        /** Options for reading a run's source; the run's filter was fixed when it was started. */
        public SourceOptions options(SourceFilter runFilter) {
            return new SourceOptions(runFilter, ChangedItemPolicy.parse(changedBlobPolicy), pageSize);
        }
    }

    /**
     * Incremental runs ({@code run --since-last-success}).
     *
     * @param overlap how far before the start of its listing a run's watermark begins (see
     *                {@link io.aibatch.incremental.Watermark}): covers the difference between the clock read before
     *                listing and the clock that stamps Last-Modified (the storage service's own for Blob Storage,
     *                writers' clocks for files on a share). Versions in the overlap are compared by etag, so a longer
     *                overlap costs memory and listing time, never duplicates.
     */
    public record Incremental(@DefaultValue("10m") Duration overlap) {}

    /**
     * How a run is priced (see config/pricing.yaml and the README's cost model).
     *
     * @param pricing file of prices; when it does not exist, the pricing.yaml packaged in the jar
     * @param pools   the backend node pools the run uses, priced by node-hours over the run's wall time (optional)
     * @param sample  measure the pools instead, from the Kubernetes API, while the run lasts
     */
    public record Cost(
            @DefaultValue("config/pricing.yaml") String pricing, List<Pool> pools, @DefaultValue Sample sample) {

        public Cost {
            pools = pools == null ? List.of() : List.copyOf(pools);
        }
    }

    /** A backend node pool: {@code nodes} nodes of {@code vmSize} (spot or on-demand) for the whole run. */
    public record Pool(
            String name, String vmSize, @DefaultValue("1") double nodes, @DefaultValue("false") boolean spot) {}

    /**
     * Node pools sampled from the Kubernetes API by node label while the run lasts.
     *
     * @param nodeSelector label selector of the backend nodes, e.g. {@code aibatch.io/backend=true} or {@code agentpool in (gpu,read)}
     * @param poolLabel    the node label that names a node's pool (AKS: kubernetes.azure.com/agentpool)
     * @param spotLabel    a node is spot when this label is {@code spot} (AKS: kubernetes.azure.com/scalesetpriority)
     */
    public record Sample(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("") String nodeSelector,
            @DefaultValue("30s") Duration interval,
            @DefaultValue("kubernetes.azure.com/agentpool") String poolLabel,
            @DefaultValue("kubernetes.azure.com/scalesetpriority") String spotLabel) {}

    /**
     * The {@code compare} command's backend profiles: {@code aibatch.compare.profiles.<name>.options} are run options
     * as the CLI names them ({@code ocr}, {@code ocr-endpoint}, {@code ocr-locality}, {@code llm-endpoint}, ...), and
     * {@code pools} the node pools that profile's backends run on (priced like aibatch.cost.pools).
     */
    public record Compare(Map<String, Profile> profiles) {

        public Compare {
            profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        }
    }

    public record Profile(Map<String, String> options, List<Pool> pools, @DefaultValue("") String description) {

        public Profile {
            options = options == null ? Map.of() : Map.copyOf(options);
            pools = pools == null ? null : List.copyOf(pools);
        }
    }

    /**
     * Prometheus metrics: a scrape endpoint while the run lasts (port 0 = off) and a push to a Pushgateway at its end.
     *
     * @param port           port of the {@code /metrics} endpoint; 0 = no endpoint
     * @param pushgateway    Pushgateway base URL, e.g. http://pushgateway.monitoring:9091; empty = no push
     * @param pushJob        the Pushgateway job name (the run id becomes the instance grouping key)
     * @param bind           address the endpoint listens on: 127.0.0.1 (default, this machine only); 0.0.0.0 for a
     *                       Prometheus that scrapes the pod from outside it
     */
    public record Metrics(
            @DefaultValue("0") int port,
            @DefaultValue("") String pushgateway,
            @DefaultValue("aibatch") String pushJob,
            @DefaultValue("127.0.0.1") String bind) {}

    /**
     * Console progress while a run lasts: done/total, rate, ETA, cost so far.
     *
     * @param interval how often; 0 = never
     */
    public record Progress(@DefaultValue("10s") Duration interval) {}
}
