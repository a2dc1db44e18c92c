package io.aibatch.simulator.llm;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.ReceivedRequest;
import io.aibatch.simulator.content.TokenCounter;
import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.engine.SyncWork;
import io.aibatch.simulator.http.BackendHandler;
import io.aibatch.simulator.http.Exchange;
import io.aibatch.simulator.http.Json;
import io.aibatch.simulator.http.MalformedBody;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure OpenAI data plane 2024-10-21, chat completions only
 * (POST /openai/deployments/{deployment}/chat/completions?api-version=2024-10-21). Auth by api-key header or
 * Authorization: Bearer (401 without). A tokens-per-minute quota and the slot queue both answer 429 with
 * Retry-After and retry-after-ms. Bodies carry prompt_filter_results and per-choice content_filter_results
 * (always "safe": the simulator filters nothing). Any deployment name is accepted.
 */
public final class AzureOpenAiHandler implements BackendHandler {

    public static final String API_VERSION = "2024-10-21";
    private static final Pattern CHAT = Pattern.compile("^/openai/deployments/([^/]+)/chat/completions$");
    /** What Azure OpenAI assumes for the quota estimate when max_tokens is absent. */
    private static final int DEFAULT_MAX_TOKENS_ESTIMATE = 4096;

    private final BackendRuntime runtime;
    private final TokenRateLimiter quota;
    private final InvalidOutputs invalidOutputs;

    public AzureOpenAiHandler(BackendRuntime runtime) {
        this.runtime = runtime;
        this.invalidOutputs = new InvalidOutputs(runtime);
        this.quota = new TokenRateLimiter(runtime.config().tokensPerMinute(), System::nanoTime);
        runtime.onReset(quota::reset);
    }

    @Override
    public Backend backend() {
        return Backend.AZURE_OPENAI;
    }

    @Override
    public boolean matches(String path) {
        return path.startsWith("/openai/");
    }

    @Override
    public void handle(Exchange ex) {
        ReceivedRequest req = ex.request();
        if (!authenticated(req)) {
            error(
                    ex,
                    401,
                    "401",
                    "Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
                            + "provide a valid key for an active subscription and use a correct regional API endpoint for your resource.",
                    null,
                    null);
            return;
        }
        Matcher m = CHAT.matcher(req.path());
        if (!m.matches() || !req.method().equals("POST") || !API_VERSION.equals(req.queryParam("api-version"))) {
            // what the Azure gateway answers for an unknown path or an unsupported api-version
            error(ex, 404, "404", "Resource not found", null, null);
            return;
        }
        chat(ex);
    }

    private static boolean authenticated(ReceivedRequest req) {
        String key = req.header("api-key");
        if (key != null && !key.isBlank()) {
            return true;
        }
        String auth = req.header("authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && auth.length() > 7;
    }

    /** What the chat endpoint answers a request body, before quota, queueing and faults. */
    private sealed interface Prepared permits Refused, Answered {}

    private record Refused(int status, String code, String message, String type, String param) implements Prepared {}

    private record Answered(ChatRequest request, int promptTokens, LlmResponder.Answer answer) implements Prepared {}

    /** One line of a batch, answered the way this endpoint answers the same body: status and response body. */
    public record LineAnswer(int status, ObjectNode body) {}

    /**
     * The answer to one batch input line's {@code body}: the chat completion this endpoint would return (200), or its
     * 400 error body. No quota, queue or fault applies: a batch has its own (enqueued-token) quota.
     */
    public LineAnswer answerForBatch(JsonNode requestBody) {
        Prepared prepared = prepare(requestBody);
        if (prepared instanceof Answered a) {
            return new LineAnswer(
                    200, body(runtime.config().model(), a.answer(), a.request().n(), a.promptTokens()));
        }
        Refused r = (Refused) prepared;
        return new LineAnswer(r.status(), errorBody(r.code(), r.message(), r.type(), r.param()));
    }

    private Prepared prepare(JsonNode requestBody) {
        ChatRequest request;
        try {
            request = ChatRequest.parse(requestBody);
        } catch (ChatRequest.Invalid e) {
            return new Refused(400, null, e.getMessage(), "invalid_request_error", e.param());
        }
        if (request.stream()) {
            return new Refused(
                    400,
                    null,
                    "stream=true is not supported by the simulator; send stream=false.",
                    "invalid_request_error",
                    "stream");
        }
        int context = runtime.config().contextLength();
        int promptTokens = TokenCounter.countChat(request.contents());
        int maxTokens = request.maxTokens() != null ? request.maxTokens() : context - promptTokens;
        if (promptTokens + (request.maxTokens() == null ? 0 : maxTokens) > context || maxTokens < 1) {
            return new Refused(
                    400,
                    "context_length_exceeded",
                    "This model's maximum context length is " + context + " tokens. However, your messages resulted in "
                            + promptTokens + " tokens. Please reduce the length of the messages.",
                    "invalid_request_error",
                    "messages");
        }
        return new Answered(
                request, promptTokens, LlmResponder.answer(request, maxTokens, invalidOutputs.draw(request)));
    }

    private void chat(Exchange ex) {
        Prepared prepared = prepare(Json.parseOrNull(ex.request().body()));
        if (prepared instanceof Refused r) {
            error(ex, r.status(), r.code(), r.message(), r.type(), r.param());
            return;
        }
        Answered answered = (Answered) prepared;
        ChatRequest request = answered.request();
        LlmResponder.Answer answer = answered.answer();
        int promptTokens = answered.promptTokens();
        String model = runtime.config().model();
        int context = runtime.config().contextLength();
        int completion = answer.completionTokens() * request.n();
        long estimate = promptTokens
                + (request.maxTokens() != null
                        ? (long) request.maxTokens() * request.n()
                        : Math.min(DEFAULT_MAX_TOKENS_ESTIMATE, context - promptTokens));
        long waitMs = quota.tryCharge(estimate);
        if (waitMs > 0) {
            runtime.stats().throttled();
            runtime.stats().error("tokensPerMinute");
            throttled(ex, waitMs, "exceeded token rate limit of your current OpenAI S0 pricing tier");
            return;
        }
        runtime.serve(ex, promptTokens + completion, new SyncWork() {
            @Override
            public void succeed(Exchange e) {
                e.json(200, body(model, answer, request.n(), promptTokens), rateHeaders());
            }

            @Override
            public void throttled(Exchange e, long retryAfterSeconds) {
                AzureOpenAiHandler.this.throttled(
                        e, retryAfterSeconds * 1000, "exceeded call rate limit of your current OpenAI S0 pricing tier");
            }

            @Override
            public void serverError(Exchange e) {
                ObjectNode body = Json.object();
                ObjectNode err = body.putObject("error");
                err.put("code", "InternalServerError");
                err.put("message", "The server had an error while processing your request. Sorry about that!");
                e.json(500, body);
            }

            @Override
            public void malformed(Exchange e, long sequence) {
                ObjectNode valid = body(model, answer, request.n(), promptTokens);
                if (MalformedBody.truncatedFor(sequence)) {
                    e.bytes(200, "application/json", MalformedBody.truncate(Json.bytes(valid)), Map.of());
                } else {
                    e.json(200, ChatCompletionBody.schemaViolating(valid));
                }
            }
        });
    }

    private Map<String, String> rateHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        long remaining = quota.remaining();
        if (remaining != Long.MAX_VALUE) {
            h.put("x-ratelimit-remaining-tokens", Long.toString(remaining));
        }
        return h;
    }

    private static ObjectNode body(String model, LlmResponder.Answer answer, int n, int promptTokens) {
        ObjectNode body = ChatCompletionBody.build(model, answer, n, promptTokens);
        body.put("system_fingerprint", "fp_sim0000001");
        ArrayNode prompts = body.putArray("prompt_filter_results");
        ObjectNode prompt = prompts.addObject();
        prompt.put("prompt_index", 0);
        ObjectNode pf = prompt.putObject("content_filter_results");
        severities(pf);
        detected(pf, "jailbreak");
        for (JsonNode choice : body.get("choices")) {
            ObjectNode cf = ((ObjectNode) choice).putObject("content_filter_results");
            severities(cf);
            detected(cf, "protected_material_code");
            detected(cf, "protected_material_text");
        }
        return body;
    }

    private static void severities(ObjectNode results) {
        for (String category : new String[] {"hate", "self_harm", "sexual", "violence"}) {
            ObjectNode c = results.putObject(category);
            c.put("filtered", false);
            c.put("severity", "safe");
        }
    }

    private static void detected(ObjectNode results, String category) {
        ObjectNode c = results.putObject(category);
        c.put("filtered", false);
        c.put("detected", false);
    }

    private void throttled(Exchange ex, long waitMs, String what) {
        long seconds = Math.max(1, (waitMs + 999) / 1000);
        ObjectNode body = Json.object();
        ObjectNode err = body.putObject("error");
        err.put("code", "429");
        err.put(
                "message",
                "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version " + API_VERSION
                        + " have " + what + ". Please retry after " + seconds + " seconds. "
                        + "Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Long.toString(seconds));
        headers.put("retry-after-ms", Long.toString(waitMs));
        headers.putAll(rateHeaders());
        ex.json(429, body, headers);
    }

    /** Azure's errorResponse: {"error":{code, message, param?, type?}}. */
    private void error(Exchange ex, int status, String code, String message, String type, String param) {
        runtime.stats().error("http" + status);
        ex.json(status, errorBody(code, message, type, param));
    }

    private static ObjectNode errorBody(String code, String message, String type, String param) {
        ObjectNode body = Json.object();
        ObjectNode err = body.putObject("error");
        if (code != null) {
            err.put("code", code);
        }
        err.put("message", message);
        if (type != null) {
            err.put("type", type);
        }
        if (param != null) {
            err.put("param", param);
        }
        return body;
    }
}
