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
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI-compatible server vLLM runs inside a KAITO workspace (kaito/api_spec.json): GET /health, GET
 * /v1/models, GET /version, POST /v1/chat/completions, POST /v1/embeddings. Like vLLM it never answers 429: whatever arrives queues
 * for a slot. Errors use vLLM's {"error":{message, type, param, code}} with an integer code; unknown paths get
 * FastAPI's {"detail":"Not Found"}.
 */
public final class VllmHandler implements BackendHandler {

    static final String VLLM_VERSION = "0.10.1";
    private static final long STARTED = Instant.now().getEpochSecond();

    private final BackendRuntime runtime;
    private final InvalidOutputs invalidOutputs;

    public VllmHandler(BackendRuntime runtime) {
        this.runtime = runtime;
        this.invalidOutputs = new InvalidOutputs(runtime);
    }

    @Override
    public Backend backend() {
        return Backend.VLLM;
    }

    @Override
    public boolean matches(String path) {
        return path.startsWith("/v1/") || path.equals("/health") || path.equals("/version");
    }

    @Override
    public boolean isPoll(String method, String path) {
        return !path.equals("/v1/chat/completions") && !path.equals("/v1/embeddings");
    }

    @Override
    public void handle(Exchange ex) {
        ReceivedRequest req = ex.request();
        String key = req.method() + " " + req.path();
        switch (key) {
            case "GET /health" -> ex.empty(200, Map.of());
            case "GET /version" -> ex.json(200, Json.object().put("version", VLLM_VERSION));
            case "GET /v1/models" -> ex.json(200, models());
            case "POST /v1/chat/completions" -> chat(ex);
            case "POST /v1/embeddings" -> embeddings(ex);
            default -> {
                runtime.stats().error("http404");
                ex.json(404, Json.object().put("detail", "Not Found"));
            }
        }
    }

    private ObjectNode models() {
        ObjectNode body = Json.object();
        body.put("object", "list");
        ObjectNode m = body.putArray("data").addObject();
        String model = runtime.config().model();
        m.put("id", model);
        m.put("object", "model");
        m.put("created", STARTED);
        m.put("owned_by", "vllm");
        m.put("root", "/workspace/vllm/weights");
        m.putNull("parent");
        m.put("max_model_len", runtime.config().contextLength());
        return body;
    }

    private void chat(Exchange ex) {
        JsonNode json = Json.parseOrNull(ex.request().body());
        ChatRequest request;
        try {
            request = ChatRequest.parse(json);
        } catch (ChatRequest.Invalid e) {
            error(ex, 400, "BadRequestError", e.getMessage(), e.param());
            return;
        }
        String model = runtime.config().model();
        if (request.model() != null && !request.model().equals(model)) {
            error(ex, 404, "NotFoundError", "The model `" + request.model() + "` does not exist.", "model");
            return;
        }
        if (request.stream()) {
            error(
                    ex,
                    400,
                    "BadRequestError",
                    "stream=true is not supported by the simulator; send stream=false.",
                    "stream");
            return;
        }
        int context = runtime.config().contextLength();
        int promptTokens = TokenCounter.countChat(request.contents());
        // vLLM: without max_tokens the completion may use the rest of the context window
        int maxTokens = request.maxTokens() != null ? request.maxTokens() : context - promptTokens;
        if (promptTokens + maxTokens > context || maxTokens < 1) {
            error(
                    ex,
                    400,
                    "BadRequestError",
                    "This model's maximum context length is " + context
                            + " tokens. However, you requested " + (promptTokens + Math.max(maxTokens, 0)) + " tokens ("
                            + promptTokens + " in the messages, " + Math.max(maxTokens, 0)
                            + " in the completion). Please reduce the length of the messages or completion.",
                    null);
            return;
        }
        LlmResponder.Answer answer = LlmResponder.answer(request, maxTokens, invalidOutputs.draw(request));
        int units = promptTokens + answer.completionTokens() * request.n();
        runtime.serve(ex, units, new SyncWork() {
            @Override
            public void succeed(Exchange e) {
                e.json(200, body(model, answer, request.n(), promptTokens));
            }

            @Override
            public void throttled(Exchange e, long retryAfterSeconds) {
                // unreachable: vLLM's queue is unbounded and its http429 rate is forced to 0
                error(e, 503, "ServiceUnavailableError", "The server is overloaded.", null);
            }

            @Override
            public void serverError(Exchange e) {
                ObjectNode body = errorBody(
                        "InternalServerError", "Internal server error: EngineCore encountered an issue.", null, 500);
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

    /** The embedding size when a request gives no {@code dimensions}: that of the small sentence-embedding models. */
    static final int EMBEDDING_DIMENSIONS = 384;

    private void embeddings(Exchange ex) {
        EmbeddingRequest request;
        try {
            request = EmbeddingRequest.parse(Json.parseOrNull(ex.request().body()));
        } catch (ChatRequest.Invalid e) {
            error(ex, 400, "BadRequestError", e.getMessage(), e.param());
            return;
        }
        String model = runtime.config().model();
        if (!request.model().equals(model)) {
            error(ex, 404, "NotFoundError", "The model `" + request.model() + "` does not exist.", "model");
            return;
        }
        int context = runtime.config().contextLength();
        if (request.tokens() > context) {
            error(
                    ex,
                    400,
                    "BadRequestError",
                    "This model's maximum context length is " + context + " tokens. However, you requested "
                            + request.tokens() + " tokens in the input for embedding generation. Please reduce the"
                            + " length of the input.",
                    null);
            return;
        }
        int dimensions = request.dimensions() == null ? EMBEDDING_DIMENSIONS : request.dimensions();
        runtime.serve(ex, request.tokens(), new SyncWork() {
            @Override
            public void succeed(Exchange e) {
                e.json(200, embeddingBody(model, request, dimensions));
            }

            @Override
            public void throttled(Exchange e, long retryAfterSeconds) {
                error(e, 503, "ServiceUnavailableError", "The server is overloaded.", null);
            }

            @Override
            public void serverError(Exchange e) {
                e.json(
                        500,
                        errorBody(
                                "InternalServerError",
                                "Internal server error: EngineCore encountered an issue.",
                                null,
                                500));
            }

            @Override
            public void malformed(Exchange e, long sequence) {
                byte[] valid = Json.bytes(embeddingBody(model, request, dimensions));
                e.bytes(200, "application/json", MalformedBody.truncate(valid), Map.of());
            }
        });
    }

    /** vLLM's EmbeddingResponse; each vector is unit length and a function of its input text alone. */
    private static ObjectNode embeddingBody(String model, EmbeddingRequest request, int dimensions) {
        ObjectNode body = Json.object();
        body.put("id", "embd-" + java.util.UUID.randomUUID().toString().replace("-", ""));
        body.put("object", "list");
        body.put("created", Instant.now().getEpochSecond());
        body.put("model", model);
        tools.jackson.databind.node.ArrayNode data = body.putArray("data");
        for (int i = 0; i < request.inputs().size(); i++) {
            float[] vector = vector(request.inputs().get(i), dimensions);
            ObjectNode embedding = data.addObject();
            embedding.put("index", i);
            embedding.put("object", "embedding");
            if (request.base64()) {
                java.nio.ByteBuffer bytes =
                        java.nio.ByteBuffer.allocate(4 * dimensions).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (float v : vector) {
                    bytes.putFloat(v);
                }
                embedding.put("embedding", java.util.Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                tools.jackson.databind.node.ArrayNode values = embedding.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
        }
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", request.tokens());
        usage.put("total_tokens", request.tokens());
        usage.put("completion_tokens", 0);
        usage.putNull("prompt_tokens_details");
        return body;
    }

    private static float[] vector(String text, int dimensions) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(text.hashCode() * 0x9E3779B97F4A7C15L);
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    /** vLLM's body: the OpenAI object plus stop_reason per choice and prompt_logprobs. */
    private static ObjectNode body(String model, LlmResponder.Answer answer, int n, int promptTokens) {
        ObjectNode body = ChatCompletionBody.build(model, answer, n, promptTokens);
        for (JsonNode choice : body.get("choices")) {
            ((ObjectNode) choice.get("message")).putArray("tool_calls");
            ((ObjectNode) choice).putNull("stop_reason");
        }
        body.putNull("prompt_logprobs");
        return body;
    }

    private void error(Exchange ex, int status, String type, String message, String param) {
        runtime.stats().error("http" + status);
        ex.json(status, errorBody(type, message, param, status));
    }

    private static ObjectNode errorBody(String type, String message, String param, int code) {
        ObjectNode body = Json.object();
        ObjectNode err = body.putObject("error");
        err.put("message", message);
        err.put("type", type);
        if (param == null) {
            err.putNull("param");
        } else {
            err.put("param", param);
        }
        err.put("code", code);
        return body;
    }
}
