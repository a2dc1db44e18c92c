package io.aibatch.simulator.ocr;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.ReceivedRequest;
import io.aibatch.simulator.content.DocumentFormat;
import io.aibatch.simulator.content.DocumentInfo;
import io.aibatch.simulator.content.DocumentInspector;
import io.aibatch.simulator.content.GroundTruthStore;
import io.aibatch.simulator.content.PageSelection;
import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.http.BackendHandler;
import io.aibatch.simulator.http.Exchange;
import io.aibatch.simulator.http.Json;
import io.aibatch.simulator.http.MalformedBody;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Document Intelligence (Form Recognizer) 2023-07-31, models prebuilt-read and prebuilt-layout:
 * POST /formrecognizer/documentModels/{modelId}:analyze → 202 + Operation-Location;
 * GET /formrecognizer/documentModels/{modelId}/analyzeResults/{resultId} → AnalyzeResultOperation.
 * Errors are the spec's ErrorResponse {"error":{code, message, innererror}}; an unsupported api-version gets the
 * gateway's 404 "Resource not found", as the real endpoint answers it. Inputs: PDF, JPEG, PNG, BMP, TIFF (as raw
 * bytes, base64Source or a loopback urlSource); Office and HTML inputs, which the service also takes, are refused.
 */
public final class DocIntelHandler implements BackendHandler {

    private static final String PREFIX = "/formrecognizer/documentModels/";
    private static final Pattern ANALYZE = Pattern.compile("^/formrecognizer/documentModels/([^/:]+):analyze$");
    private static final Pattern RESULT =
            Pattern.compile("^/formrecognizer/documentModels/([^/]+)/analyzeResults/([^/]+)$");
    private static final Set<String> MODELS = Set.of("prebuilt-read", "prebuilt-layout");
    private static final Set<String> STRING_INDEX_TYPES = Set.of("textElements", "unicodeCodePoint", "utf16CodeUnit");
    private static final Set<String> FEATURES =
            Set.of("ocrHighResolution", "languages", "barcodes", "formulas", "keyValuePairs", "styleFont");
    /** Paid-tier limit on uploads. */
    private static final int MAX_BYTES = 500 * 1024 * 1024;

    private final BackendRuntime runtime;
    private final GroundTruthStore truth;
    private final OperationStore operations;
    private final DocumentFetcher fetcher;
    private final OperationRunner runner;

    public DocIntelHandler(
            BackendRuntime runtime, GroundTruthStore truth, OperationStore operations, DocumentFetcher fetcher) {
        this.runtime = runtime;
        this.truth = truth;
        this.operations = operations;
        this.fetcher = fetcher;
        this.runner = new OperationRunner(runtime, operations);
    }

    @Override
    public Backend backend() {
        return Backend.DOC_INTEL;
    }

    @Override
    public boolean matches(String path) {
        return path.startsWith("/formrecognizer/");
    }

    @Override
    public boolean isPoll(String method, String path) {
        return "GET".equals(method) && path.contains("/analyzeResults/");
    }

    @Override
    public void handle(Exchange ex) {
        ReceivedRequest req = ex.request();
        if (!DocIntelResultBuilder.API_VERSION.equals(req.queryParam("api-version"))) {
            error(ex, 404, "404", "Resource not found", null, null);
            return;
        }
        Matcher analyze = ANALYZE.matcher(req.path());
        Matcher result = RESULT.matcher(req.path());
        if (analyze.matches() && req.method().equals("POST")) {
            analyze(ex, analyze.group(1));
        } else if (result.matches() && req.method().equals("GET")) {
            result(ex, result.group(1), result.group(2));
        } else {
            error(ex, 404, "404", "Resource not found", null, null);
        }
    }

    private record Params(String modelId, String pages, String stringIndexType) {}

    private void analyze(Exchange ex, String modelId) {
        ReceivedRequest req = ex.request();
        if (!MODELS.contains(modelId)) {
            error(ex, 404, "NotFound", "Resource not found.", "ModelNotFound", "The requested model was not found.");
            return;
        }
        String sit = req.queryParam("stringIndexType") == null ? "textElements" : req.queryParam("stringIndexType");
        if (!STRING_INDEX_TYPES.contains(sit)) {
            error(
                    ex,
                    400,
                    "InvalidArgument",
                    "Invalid argument.",
                    "InvalidParameter",
                    "The parameter stringIndexType is invalid.");
            return;
        }
        String features = req.queryParam("features");
        if (features != null) {
            for (String f : features.split(",")) {
                if (!FEATURES.contains(f.trim())) {
                    error(
                            ex,
                            400,
                            "InvalidArgument",
                            "Invalid argument.",
                            "InvalidParameter",
                            "The parameter features is invalid: " + f);
                    return;
                }
            }
        }
        Params params = new Params(modelId, req.queryParam("pages"), sit);
        String media = req.mediaType();
        if (media.equals("application/json")) {
            JsonNode body = Json.parseOrNull(req.body());
            JsonNode url = body == null ? null : body.get("urlSource");
            JsonNode b64 = body == null ? null : body.get("base64Source");
            if (b64 != null && b64.isString()) {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(b64.stringValue());
                } catch (IllegalArgumentException e) {
                    error(
                            ex,
                            400,
                            "InvalidRequest",
                            "Invalid request.",
                            "InvalidContentSourceFormat",
                            "Invalid content source: base64Source is not valid base64.");
                    return;
                }
                analyzeBytes(ex, bytes, params);
            } else if (url != null && url.isString()) {
                fetcher.fetch(url.stringValue()).whenComplete((bytes, failure) -> {
                    if (failure != null) {
                        DocumentFetcher.FetchException f = DocumentFetcher.cause(failure);
                        error(
                                ex,
                                400,
                                "InvalidRequest",
                                "Invalid request.",
                                f.badUrl() ? "InvalidContentSourceFormat" : "FailedToDownload",
                                f.getMessage());
                    } else {
                        analyzeBytes(ex, bytes, params);
                    }
                });
            } else {
                error(
                        ex,
                        400,
                        "InvalidRequest",
                        "Invalid request.",
                        "InvalidContentSourceFormat",
                        "Invalid content source: either urlSource or base64Source must be specified.");
            }
        } else {
            analyzeBytes(ex, req.body(), params);
        }
    }

    private void analyzeBytes(Exchange ex, byte[] bytes, Params params) {
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            error(
                    ex,
                    400,
                    "InvalidRequest",
                    "Invalid request.",
                    "InvalidContentLength",
                    "The input document must be between 1 byte and " + MAX_BYTES + " bytes; was " + bytes.length + ".");
            return;
        }
        DocumentInfo info = DocumentInspector.inspect(bytes);
        if (info.format() == DocumentFormat.UNKNOWN) {
            error(
                    ex,
                    400,
                    "InvalidRequest",
                    "Invalid request.",
                    "InvalidContent",
                    "The file is corrupted or format is unsupported. Refer to documentation for the list of supported formats.");
            return;
        }
        String damage = DocumentInspector.damage(bytes, info.format());
        if (damage != null) {
            error(
                    ex,
                    400,
                    "InvalidRequest",
                    "Invalid request.",
                    "InvalidContent",
                    "The file is corrupted: " + damage + ".");
            return;
        }
        DocumentText text = DocumentText.of(bytes, info.pageCount(), truth);
        List<Integer> pages;
        try {
            pages = PageSelection.select(params.pages(), text.pageCount(), false);
        } catch (IllegalArgumentException e) {
            error(
                    ex,
                    400,
                    "InvalidArgument",
                    "Invalid argument.",
                    "InvalidParameter",
                    "The parameter pages is invalid: " + params.pages());
            return;
        }
        if (pages.isEmpty()) {
            error(
                    ex,
                    400,
                    "InvalidArgument",
                    "Invalid argument.",
                    "InvalidParameter",
                    "The parameter pages selects no page of this " + text.pageCount() + "-page document.");
            return;
        }
        String modelId = params.modelId();
        runner.start(
                ex,
                pages.size(),
                modelId,
                () -> DocIntelResultBuilder.analyzeResult(modelId, params.stringIndexType(), text, info, pages),
                this::throttled,
                op -> ex.baseUrl() + PREFIX + modelId + "/analyzeResults/" + op.id() + "?api-version="
                        + DocIntelResultBuilder.API_VERSION);
    }

    private void result(Exchange ex, String modelId, String resultId) {
        Operation op = operations
                .find(resultId)
                .filter(o -> o.modelId().equals(modelId))
                .orElse(null);
        if (op == null) {
            error(
                    ex,
                    404,
                    "NotFound",
                    "Resource not found.",
                    "AnalyzeResultNotFound",
                    "The requested analyze result was not found.");
            return;
        }
        ObjectNode body = DocIntelResultBuilder.operation(op);
        if (op.status() == Operation.Status.SUCCEEDED && op.takeMalformed()) {
            if (MalformedBody.truncatedFor(op.sequence())) {
                ex.bytes(200, "application/json; charset=utf-8", MalformedBody.truncate(Json.bytes(body)), Map.of());
            } else {
                // schema-breaking: required createdDateTime gone, pages is not an array
                body.remove("createdDateTime");
                ((ObjectNode) body.get("analyzeResult")).put("pages", "unavailable");
                ex.json(200, body);
            }
            return;
        }
        ex.json(
                200,
                body,
                op.status() == Operation.Status.SUCCEEDED || op.status() == Operation.Status.FAILED
                        ? Map.of()
                        : Map.of("Retry-After", "1"));
    }

    private void throttled(Exchange ex, long retryAfterSeconds) {
        ObjectNode body = Json.object();
        ObjectNode err = body.putObject("error");
        err.put("code", "429");
        err.put(
                "message",
                "Requests to the Analyze Document Operation under Form Recognizer API (v3.1) have exceeded "
                        + "rate limit of your current FormRecognizer S0 pricing tier. Please retry after "
                        + retryAfterSeconds
                        + " seconds. To increase your rate limit switch to a paid tier.");
        ex.json(429, body, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** ErrorResponse of the spec: {"error":{code, message, innererror?{code, message}}}. */
    private void error(Exchange ex, int status, String code, String message, String innerCode, String innerMessage) {
        runtime.stats().error("http" + status);
        ObjectNode body = Json.object();
        ObjectNode err = body.putObject("error");
        err.put("code", code);
        err.put("message", message);
        if (innerCode != null) {
            ObjectNode inner = err.putObject("innererror");
            inner.put("code", innerCode);
            inner.put("message", innerMessage);
        }
        ex.json(status, body);
    }
}
