package io.aibatch.simulator.batch;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.ReceivedRequest;
import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.http.BackendHandler;
import io.aibatch.simulator.http.Exchange;
import io.aibatch.simulator.http.Json;
import io.aibatch.simulator.http.MultipartForm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Files and Batches paths of the Azure OpenAI authoring data plane, api-version 2024-10-21 (GA) and
 * 2025-04-01-preview: {@code POST/GET /openai/files}, {@code GET/DELETE /openai/files/{id}},
 * {@code GET /openai/files/{id}/content}, {@code POST/GET /openai/batches}, {@code GET /openai/batches/{id}},
 * {@code POST /openai/batches/{id}/cancel}. Errors use the spec's ErrorResponse {@code {"error":{code, message}}};
 * an unknown api-version gets the gateway's 404. Counted on the Azure OpenAI backend's stats; reads of one file or
 * batch count as polls.
 */
public final class BatchHandler implements BackendHandler {

    public static final String GA_VERSION = "2024-10-21";
    public static final String PREVIEW_VERSION = "2025-04-01-preview";
    private static final Set<String> VERSIONS = Set.of(GA_VERSION, PREVIEW_VERSION);
    private static final Set<String> UPLOAD_PURPOSES = Set.of("fine-tune", "assistants", "batch");
    private static final Pattern FILE = Pattern.compile("^/openai/files/([^/]+)$");
    private static final Pattern FILE_CONTENT = Pattern.compile("^/openai/files/([^/]+)/content$");
    private static final Pattern BATCH = Pattern.compile("^/openai/batches/([^/]+)$");
    private static final Pattern CANCEL = Pattern.compile("^/openai/batches/([^/]+)/cancel$");

    private final BackendRuntime runtime;
    private final BatchService service;

    public BatchHandler(BackendRuntime runtime, BatchService service) {
        this.runtime = runtime;
        this.service = service;
    }

    @Override
    public Backend backend() {
        return Backend.AZURE_OPENAI;
    }

    @Override
    public boolean matches(String path) {
        return path.equals("/openai/files")
                || path.startsWith("/openai/files/")
                || path.equals("/openai/batches")
                || path.startsWith("/openai/batches/");
    }

    @Override
    public boolean isPoll(String method, String path) {
        return method.equals("GET")
                && (FILE.matcher(path).matches() || BATCH.matcher(path).matches());
    }

    @Override
    public void handle(Exchange ex) {
        ReceivedRequest req = ex.request();
        if (!authenticated(req)) {
            error(
                    ex,
                    401,
                    "401",
                    "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid"
                            + " key for an active subscription and use a correct regional API endpoint for your resource.");
            return;
        }
        String version = req.queryParam("api-version");
        if (version == null || !VERSIONS.contains(version)) {
            error(ex, 404, "404", "Resource not found");
            return;
        }
        String path = req.path();
        String method = req.method();
        Matcher m;
        if (path.equals("/openai/files") && method.equals("POST")) {
            upload(ex);
        } else if (path.equals("/openai/files") && method.equals("GET")) {
            listFiles(ex);
        } else if ((m = FILE.matcher(path)).matches() && method.equals("GET")) {
            withFile(ex, m.group(1), f -> ex.json(200, f.json(BatchService.nowMillis())));
        } else if ((m = FILE.matcher(path)).matches() && method.equals("DELETE")) {
            withFile(ex, m.group(1), f -> {
                f.markDeleted();
                ex.json(
                        200,
                        Json.object().put("object", "file").put("deleted", true).put("id", f.id()));
            });
        } else if ((m = FILE_CONTENT.matcher(path)).matches() && method.equals("GET")) {
            withFile(ex, m.group(1), f -> ex.bytes(200, "application/octet-stream", f.content(), Map.of()));
        } else if (path.equals("/openai/batches") && method.equals("POST")) {
            create(ex, version);
        } else if (path.equals("/openai/batches") && method.equals("GET")) {
            listBatches(ex);
        } else if ((m = BATCH.matcher(path)).matches() && method.equals("GET")) {
            withBatch(ex, m.group(1), b -> ex.json(200, b.json()));
        } else if ((m = CANCEL.matcher(path)).matches() && method.equals("POST")) {
            withBatch(ex, m.group(1), b -> {
                BatchService.Refusal refusal = service.cancel(b);
                if (refusal != null) {
                    error(ex, refusal.status(), refusal.code(), refusal.message());
                } else {
                    ex.json(200, b.json());
                }
            });
        } else {
            error(ex, 404, "404", "Resource not found");
        }
    }

    private static boolean authenticated(ReceivedRequest req) {
        String key = req.header("api-key");
        if (key != null && !key.isBlank()) {
            return true;
        }
        String auth = req.header("authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && auth.length() > 7;
    }

    private void upload(Exchange ex) {
        ReceivedRequest req = ex.request();
        if (!req.mediaType().equals("multipart/form-data")) {
            error(
                    ex,
                    400,
                    "invalidPayload",
                    "The request must be multipart/form-data with parts 'purpose' and 'file'.");
            return;
        }
        MultipartForm.parse(req.contentType(), req.body()).whenComplete((form, failure) -> {
            if (failure != null) {
                error(ex, 400, "invalidPayload", "Could not parse the multipart form: " + failure.getMessage());
                return;
            }
            MultipartForm.Part purpose = form.get("purpose");
            MultipartForm.Part file = form.get("file");
            if (purpose == null || !UPLOAD_PURPOSES.contains(purpose.text().trim())) {
                error(ex, 400, "invalidPayload", "The 'purpose' must be one of " + UPLOAD_PURPOSES + ".");
                return;
            }
            if (file == null || file.fileName() == null || file.fileName().isBlank()) {
                error(ex, 400, "invalidPayload", "The 'file' part with a file name is required.");
                return;
            }
            if (file.bytes().length > service.config().maxFileBytes()) {
                error(
                        ex,
                        400,
                        "invalidPayload",
                        "The file is " + file.bytes().length + " bytes; the limit is "
                                + service.config().maxFileBytes() + " bytes.");
                return;
            }
            StoredFile stored = service.upload(file.fileName(), purpose.text().trim(), file.bytes());
            ex.json(
                    201,
                    stored.json(BatchService.nowMillis()),
                    Map.of("Location", ex.baseUrl() + "/openai/files/" + stored.id()));
        });
    }

    private void listFiles(Exchange ex) {
        String purpose = ex.request().queryParam("purpose");
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        long now = BatchService.nowMillis();
        for (StoredFile f : service.files().live()) {
            if (purpose == null || purpose.equals(f.purpose())) {
                data.add(f.json(now));
            }
        }
        ex.json(200, body);
    }

    private void create(Exchange ex, String version) {
        JsonNode body = Json.parseOrNull(ex.request().body());
        if (body == null || !body.isObject()) {
            error(ex, 400, "invalidPayload", "The request body must be a JSON object.");
            return;
        }
        for (String field : List.of("input_file_id", "endpoint", "completion_window")) {
            if (!body.path(field).isString() || body.get(field).asString().isEmpty()) {
                error(ex, 400, "invalidPayload", "The '" + field + "' field is required.");
                return;
            }
        }
        Map<String, String> metadata = null;
        JsonNode md = body.get("metadata");
        if (md != null && md.isObject()) {
            metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : md.properties()) {
                metadata.put(e.getKey(), e.getValue().asString());
            }
        }
        BatchService.Created created = service.create(
                body.get("input_file_id").asString(),
                body.get("endpoint").asString(),
                body.get("completion_window").asString(),
                metadata);
        if (created.refusal() != null) {
            error(
                    ex,
                    created.refusal().status(),
                    created.refusal().code(),
                    created.refusal().message());
            return;
        }
        holdAnswer();
        if (version.equals(PREVIEW_VERSION)) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("deployment-enqueued-tokens", Long.toString(service.enqueuedTokens()));
            headers.put(
                    "deployment-maximum-enqueued-tokens",
                    Long.toString(service.config().enqueuedTokenLimit()));
            ex.json(201, created.job().json(), headers);
        } else {
            ex.json(200, created.job().json());
        }
    }

    /** {@code createDelayMs}: the batch exists and is listed, but its creator hears of it only now. */
    private void holdAnswer() {
        long delay = service.config().createDelayMs();
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the simulator is closing: answer at once
            }
        }
    }

    /** Newest first, {@code limit} (default 20) per page after the batch named by {@code after}. */
    private void listBatches(Exchange ex) {
        int limit;
        try {
            String raw = ex.request().queryParam("limit");
            limit = raw == null ? 20 : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1) {
            error(ex, 400, "invalidPayload", "The 'limit' must be a positive integer.");
            return;
        }
        String after = ex.request().queryParam("after");
        List<BatchJob> all = service.list();
        int start = 0;
        if (after != null) {
            start = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id.equals(after)) {
                    start = i + 1;
                    break;
                }
            }
        }
        List<BatchJob> page = all.subList(start, Math.min(all.size(), start + limit));
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        page.forEach(b -> data.add(b.json()));
        if (page.isEmpty()) {
            body.putNull("first_id");
            body.putNull("last_id");
        } else {
            body.put("first_id", page.get(0).id);
            body.put("last_id", page.get(page.size() - 1).id);
        }
        body.put("has_more", start + page.size() < all.size());
        ex.json(200, body);
    }

    private void withFile(Exchange ex, String id, java.util.function.Consumer<StoredFile> action) {
        StoredFile f = service.files().live(id);
        if (f == null) {
            error(ex, 404, "notFound", "File with id " + id + " was not found.");
        } else {
            action.accept(f);
        }
    }

    private void withBatch(Exchange ex, String id, java.util.function.Consumer<BatchJob> action) {
        BatchJob b = service.get(id);
        if (b == null) {
            error(ex, 404, "notFound", "Batch with id " + id + " was not found.");
        } else {
            action.accept(b);
        }
    }

    private void error(Exchange ex, int status, String code, String message) {
        runtime.stats().error("http" + status);
        ObjectNode body = Json.object();
        body.putObject("error").put("code", code).put("message", message);
        ex.json(status, body);
    }
}
