package io.aibatch.simulator.ocr;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.ReceivedRequest;
import io.aibatch.simulator.content.DocumentFormat;
import io.aibatch.simulator.content.DocumentInfo;
import io.aibatch.simulator.content.DocumentInspector;
import io.aibatch.simulator.content.GroundTruthStore;
import io.aibatch.simulator.content.PageSelection;
import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.engine.SyncWork;
import io.aibatch.simulator.http.BackendHandler;
import io.aibatch.simulator.http.Exchange;
import io.aibatch.simulator.http.Json;
import io.aibatch.simulator.http.MalformedBody;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure AI Vision Read 3.2 as the Read OCR container serves it (Ocr.json): POST read/analyze answers 202 with an
 * Operation-Location; GET read/analyzeResults/{id} reports notStarted → running → succeeded; POST
 * read/syncAnalyze answers the ReadOperationResult directly. Errors use the spec's flat ComputerVisionError
 * {code, message}; 429 uses the Azure gateway's {"error":{code,message}} since Ocr.json defines no throttling body.
 */
public final class ReadHandler implements BackendHandler {

    static final String PREFIX = "/vision/v3.2/read/";
    private static final String ANALYZE = PREFIX + "analyze";
    private static final String SYNC_ANALYZE = PREFIX + "syncAnalyze";
    private static final String RESULTS = PREFIX + "analyzeResults/";
    /** Read 3.2 limit on uploads (paid tier). */
    static final int MAX_BYTES = 50 * 1024 * 1024;

    private static final int MIN_DIMENSION = 50;
    private static final int MAX_DIMENSION = 10_000;
    /** The GA model that "latest" resolves to in Read 3.2. */
    static final String LATEST_MODEL = "2022-04-30";

    private static final Pattern MODEL_VERSION = Pattern.compile("^(latest|\\d{4}-\\d{2}-\\d{2})(-preview)?$");
    /** OcrDetectionLanguage enum of Ocr.json. */
    private static final Set<String> LANGUAGES = Set.of(
            "af", "ast", "bi", "br", "ca", "ceb", "ch", "co", "crh", "cs", "csb", "da", "de", "en", "es", "et", "eu",
            "fi", "fil", "fj", "fr", "fur", "fy", "ga", "gd", "gil", "gl", "gv", "hni", "hsb", "ht", "hu", "ia", "id",
            "it", "iu", "ja", "jv", "kaa", "kac", "kea", "kha", "kl", "ko", "ku", "kw", "lb", "ms", "mww", "nap", "nl",
            "no", "oc", "pl", "pt", "quc", "rm", "sco", "sl", "sq", "sv", "sw", "tet", "tr", "tt", "uz", "vo", "wae",
            "yua", "za", "zh-Hans", "zh-Hant", "zu");

    private final BackendRuntime runtime;
    private final GroundTruthStore truth;
    private final OperationStore operations;
    private final DocumentFetcher fetcher;
    private final OperationRunner runner;

    public ReadHandler(
            BackendRuntime runtime, GroundTruthStore truth, OperationStore operations, DocumentFetcher fetcher) {
        this.runtime = runtime;
        this.truth = truth;
        this.operations = operations;
        this.fetcher = fetcher;
        this.runner = new OperationRunner(runtime, operations);
    }

    @Override
    public Backend backend() {
        return Backend.READ;
    }

    @Override
    public boolean matches(String path) {
        return path.startsWith("/vision/");
    }

    @Override
    public boolean isPoll(String method, String path) {
        return "GET".equals(method) && path.startsWith(RESULTS);
    }

    @Override
    public void handle(Exchange ex) {
        ReceivedRequest req = ex.request();
        String path = req.path();
        if (path.equals(ANALYZE) && req.method().equals("POST")) {
            analyze(ex, false);
        } else if (path.equals(SYNC_ANALYZE) && req.method().equals("POST")) {
            analyze(ex, true);
        } else if (path.startsWith(RESULTS) && req.method().equals("GET")) {
            result(ex, path.substring(RESULTS.length()));
        } else {
            error(ex, 404, "InvalidRequest", "Resource not found: " + req.method() + " " + path);
        }
    }

    /** Query parameters as Read 3.2 defines them; the container also accepts model-version for modelVersion. */
    private record ReadParams(String language, String pages, String modelVersion) {}

    private void analyze(Exchange ex, boolean sync) {
        ReceivedRequest req = ex.request();
        String language = req.queryParam("language");
        if (language != null && !LANGUAGES.contains(language)) {
            error(ex, 400, "NotSupportedLanguage", "The provided language '" + language + "' is not supported.");
            return;
        }
        String modelVersion = req.queryParam("model-version") != null
                ? req.queryParam("model-version")
                : req.queryParam("modelVersion");
        if (modelVersion != null && !MODEL_VERSION.matcher(modelVersion).matches()) {
            error(ex, 400, "InvalidModel", "The model version '" + modelVersion + "' is not valid.");
            return;
        }
        String readingOrder = req.queryParam("readingOrder");
        if (readingOrder != null && !readingOrder.equals("basic") && !readingOrder.equals("natural")) {
            error(ex, 400, "InvalidReadingOrder", "readingOrder must be 'basic' or 'natural'.");
            return;
        }
        ReadParams params = new ReadParams(language, req.queryParam("pages"), modelVersion);
        String media = req.mediaType();
        if (media.equals("application/json")) {
            JsonNode body = Json.parseOrNull(req.body());
            JsonNode url = body == null ? null : body.get("url");
            if (url == null || !url.isString()) {
                error(ex, 400, "InvalidImageUrl", "The request body must be {\"url\": \"...\"}.");
                return;
            }
            fetcher.fetch(url.stringValue()).whenComplete((bytes, failure) -> {
                if (failure != null) {
                    DocumentFetcher.FetchException f = DocumentFetcher.cause(failure);
                    error(ex, 400, f.badUrl() ? "InvalidImageUrl" : "FailedToDownloadImage", f.getMessage());
                } else {
                    analyzeBytes(ex, bytes, params, sync);
                }
            });
        } else if (media.equals("application/octet-stream")
                || media.startsWith("image/")
                || media.equals("application/pdf")) {
            analyzeBytes(ex, req.body(), params, sync);
        } else {
            error(
                    ex,
                    415,
                    "UnsupportedMediaType",
                    "Unsupported media type '" + media + "'; use application/octet-stream or application/json.");
        }
    }

    private void analyzeBytes(Exchange ex, byte[] bytes, ReadParams params, boolean sync) {
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            error(
                    ex,
                    400,
                    "InvalidImageSize",
                    "Image must be between 1 byte and " + MAX_BYTES + " bytes; was " + bytes.length + " bytes.");
            return;
        }
        DocumentInfo info = DocumentInspector.inspect(bytes);
        if (info.format() == DocumentFormat.UNKNOWN) {
            error(ex, 400, "InvalidImageFormat", "Input data is not a valid image.");
            return;
        }
        String damage = DocumentInspector.damage(bytes, info.format());
        if (damage != null) {
            error(ex, 400, "InvalidImageFormat", "Input data is not a valid image: " + damage + ".");
            return;
        }
        if (info.format().isImage()
                && (info.width() < MIN_DIMENSION
                        || info.height() < MIN_DIMENSION
                        || info.width() > MAX_DIMENSION
                        || info.height() > MAX_DIMENSION)) {
            error(ex, 400, "InvalidImageDimension", "Image dimensions must be between 50x50 and 10000x10000 pixels.");
            return;
        }
        DocumentText text = DocumentText.of(bytes, info.pageCount(), truth);
        List<Integer> pages;
        try {
            pages = PageSelection.select(params.pages(), text.pageCount(), true);
        } catch (IllegalArgumentException e) {
            error(ex, 400, "InvalidPageRange", "The page range '" + params.pages() + "' is invalid.");
            return;
        }
        if (pages.isEmpty()) {
            error(
                    ex,
                    400,
                    "InvalidPageRange",
                    "The page range '" + params.pages() + "' selects no page of this " + text.pageCount()
                            + "-page document.");
            return;
        }
        String model = params.modelVersion() == null || params.modelVersion().startsWith("latest")
                ? LATEST_MODEL
                : params.modelVersion();
        if (sync) {
            syncAnalyze(ex, text, info, pages, model, params.language());
        } else {
            asyncAnalyze(ex, text, info, pages, model, params.language());
        }
    }

    private void asyncAnalyze(
            Exchange ex, DocumentText text, DocumentInfo info, List<Integer> pages, String model, String language) {
        runner.start(
                ex,
                pages.size(),
                model,
                () -> ReadResultBuilder.analyzeResult(text, info, pages, model, language),
                this::throttled,
                op -> ex.baseUrl() + RESULTS + op.id());
    }

    private void syncAnalyze(
            Exchange ex, DocumentText text, DocumentInfo info, List<Integer> pages, String model, String language) {
        runtime.serve(ex, pages.size(), new SyncWork() {
            @Override
            public void succeed(Exchange e) {
                Operation op = new Operation("sync", model, 0);
                op.succeeded(ReadResultBuilder.analyzeResult(text, info, pages, model, language), false);
                e.json(200, ReadResultBuilder.operationResult(op));
            }

            @Override
            public void throttled(Exchange e, long retryAfterSeconds) {
                ReadHandler.this.throttled(e, retryAfterSeconds);
            }

            @Override
            public void serverError(Exchange e) {
                error(e, 500, "InternalServerError", "An internal server error occurred.");
            }

            @Override
            public void malformed(Exchange e, long sequence) {
                Operation op = new Operation("sync", model, 0);
                op.succeeded(ReadResultBuilder.analyzeResult(text, info, pages, model, language), false);
                writeMalformed(e, ReadResultBuilder.operationResult(op), sequence);
            }
        });
    }

    private void result(Exchange ex, String id) {
        Operation op = operations.find(id).orElse(null);
        if (op == null) {
            error(ex, 404, "InvalidRequest", "Operation '" + id + "' was not found.");
            return;
        }
        ObjectNode body = ReadResultBuilder.operationResult(op);
        if (op.status() == Operation.Status.SUCCEEDED && op.takeMalformed()) {
            writeMalformed(ex, body, op.sequence());
        } else {
            ex.json(200, body);
        }
    }

    private void writeMalformed(Exchange ex, ObjectNode valid, long sequence) {
        if (MalformedBody.truncatedFor(sequence)) {
            ex.bytes(200, "application/json; charset=utf-8", MalformedBody.truncate(Json.bytes(valid)), Map.of());
        } else {
            // well-formed JSON that breaks the schema: unknown status, readResults not an array, modelVersion missing
            ObjectNode broken = valid.deepCopy();
            broken.put("status", "Succeeded!");
            ObjectNode result = broken.putObject("analyzeResult");
            result.put("version", ReadResultBuilder.VERSION);
            result.put("readResults", "unavailable");
            ex.json(200, broken);
        }
    }

    private void throttled(Exchange ex, long retryAfterSeconds) {
        ObjectNode body = Json.object();
        ObjectNode err = body.putObject("error");
        err.put("code", "429");
        err.put("message", "Rate limit is exceeded. Try again in " + retryAfterSeconds + " seconds.");
        ex.json(429, body, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** ComputerVisionError as Ocr.json defines it: {code, message, requestId}. */
    private void error(Exchange ex, int status, String code, String message) {
        if (status != 500) {
            runtime.stats().error("http" + status);
        }
        ObjectNode body = Json.object();
        body.put("code", code);
        body.put("message", message);
        body.put("requestId", java.util.UUID.randomUUID().toString());
        ex.json(status, body);
    }
}
