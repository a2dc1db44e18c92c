package io.aibatch.simulator.audio;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.ReceivedRequest;
import io.aibatch.simulator.content.ContentHash;
import io.aibatch.simulator.content.GroundTruthStore;
import io.aibatch.simulator.content.SyntheticText;
import io.aibatch.simulator.engine.BackendRuntime;
import io.aibatch.simulator.engine.SyncWork;
import io.aibatch.simulator.http.BackendHandler;
import io.aibatch.simulator.http.Exchange;
import io.aibatch.simulator.http.Json;
import io.aibatch.simulator.http.MalformedBody;
import io.aibatch.simulator.http.MultipartForm;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI-compatible POST /v1/audio/transcriptions (multipart: file, model, language, prompt, response_format,
 * temperature). The audio length comes from the WAV header and is the request's unit count. The transcript is the
 * ground truth for known audio, else deterministic words at 2.5 words per second. Errors use OpenAI's
 * {"error":{message, type, param, code}}.
 */
public final class TranscriptionHandler implements BackendHandler {

    static final String PATH = "/v1/audio/transcriptions";
    /** Speaking rate used for audio without a transcript: about 150 words a minute. */
    static final double WORDS_PER_SECOND = 2.5;

    private static final Set<String> FORMATS = Set.of("json", "verbose_json", "text", "srt", "vtt");
    private static final String SUPPORTED =
            "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']";

    private final BackendRuntime runtime;
    private final GroundTruthStore truth;

    public TranscriptionHandler(BackendRuntime runtime, GroundTruthStore truth) {
        this.runtime = runtime;
        this.truth = truth;
    }

    @Override
    public Backend backend() {
        return Backend.TRANSCRIPTION;
    }

    @Override
    public boolean matches(String path) {
        return path.startsWith("/v1/audio/");
    }

    @Override
    public void handle(Exchange ex) {
        ReceivedRequest req = ex.request();
        if (!req.path().equals(PATH) || !req.method().equals("POST")) {
            error(
                    ex,
                    404,
                    "Invalid URL (" + req.method() + " " + req.path() + ")",
                    "invalid_request_error",
                    null,
                    null);
            return;
        }
        if (!req.mediaType().equals("multipart/form-data")) {
            error(ex, 400, "Content-Type must be multipart/form-data", "invalid_request_error", null, null);
            return;
        }
        MultipartForm.parse(req.contentType(), req.body()).whenComplete((form, failure) -> {
            if (failure != null) {
                error(
                        ex,
                        400,
                        "Could not parse multipart form: " + failure.getMessage(),
                        "invalid_request_error",
                        null,
                        null);
            } else {
                transcribe(ex, form);
            }
        });
    }

    private void transcribe(Exchange ex, Map<String, MultipartForm.Part> form) {
        MultipartForm.Part file = form.get("file");
        MultipartForm.Part model = form.get("model");
        if (model == null || model.text().isBlank()) {
            error(ex, 400, "you must provide a model parameter", "invalid_request_error", "model", null);
            return;
        }
        if (!model.text().strip().equals(runtime.config().model())) {
            error(
                    ex,
                    404,
                    "The model `" + model.text().strip() + "` does not exist or you do not have access to it.",
                    "invalid_request_error",
                    "model",
                    "model_not_found");
            return;
        }
        if (file == null || file.bytes().length == 0) {
            error(ex, 400, "you must provide a file parameter", "invalid_request_error", "file", null);
            return;
        }
        String format = form.containsKey("response_format")
                ? form.get("response_format").text().strip()
                : "json";
        if (!FORMATS.contains(format)) {
            error(
                    ex,
                    400,
                    "response_format must be one of json, text, srt, verbose_json or vtt",
                    "invalid_request_error",
                    "response_format",
                    null);
            return;
        }
        double temperature;
        try {
            temperature = form.containsKey("temperature")
                    ? Double.parseDouble(form.get("temperature").text().strip())
                    : 0.0;
        } catch (NumberFormatException e) {
            error(ex, 400, "temperature must be a number", "invalid_request_error", "temperature", null);
            return;
        }
        String language =
                form.containsKey("language") ? form.get("language").text().strip() : null;
        WavInfo.Container container = WavInfo.detect(file.bytes());
        if (container == WavInfo.Container.NOT_AUDIO) {
            error(ex, 400, SUPPORTED, "invalid_request_error", "file", null);
            return;
        }
        if (container == WavInfo.Container.OTHER_AUDIO) {
            error(
                    ex,
                    400,
                    "The simulator reads only WAV audio (it needs the length from the header); convert the file to WAV.",
                    "invalid_request_error",
                    "file",
                    null);
            return;
        }
        WavInfo wav;
        try {
            wav = WavInfo.parse(file.bytes());
        } catch (IllegalArgumentException e) {
            error(
                    ex,
                    400,
                    "Audio file might be corrupted or unsupported: " + e.getMessage(),
                    "invalid_request_error",
                    "file",
                    null);
            return;
        }
        String sha = ContentHash.sha256Hex(file.bytes());
        double duration = wav.durationSeconds();
        String text = truth.audioText(sha)
                .orElseGet(() -> duration < 0.4
                        ? ""
                        : SyntheticText.words(Long.parseUnsignedLong(sha.substring(0, 16), 16), (int)
                                Math.max(1, Math.round(duration * WORDS_PER_SECOND))));
        runtime.serve(ex, duration, new SyncWork() {
            @Override
            public void succeed(Exchange e) {
                switch (format) {
                    case "text" -> e.text(200, "text/plain; charset=utf-8", text + "\n", Map.of());
                    case "srt" ->
                        e.text(200, "text/plain; charset=utf-8", TranscriptBuilder.srt(text, duration), Map.of());
                    case "vtt" ->
                        e.text(200, "text/vtt; charset=utf-8", TranscriptBuilder.vtt(text, duration), Map.of());
                    case "verbose_json" ->
                        e.json(200, TranscriptBuilder.verboseJson(text, duration, language, temperature));
                    default -> e.json(200, TranscriptBuilder.json(text));
                }
            }

            @Override
            public void throttled(Exchange e, long retryAfterSeconds) {
                ObjectNode body = errorBody(
                        "Rate limit reached for requests. Please try again in " + retryAfterSeconds + "s.",
                        "requests",
                        null,
                        "rate_limit_exceeded");
                e.json(429, body, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
            }

            @Override
            public void serverError(Exchange e) {
                e.json(
                        500,
                        errorBody(
                                "The server had an error while processing your request. Sorry about that!",
                                "server_error",
                                null,
                                null));
            }

            @Override
            public void malformed(Exchange e, long sequence) {
                ObjectNode valid = format.equals("verbose_json")
                        ? TranscriptBuilder.verboseJson(text, duration, language, temperature)
                        : TranscriptBuilder.json(text);
                if (MalformedBody.truncatedFor(sequence)) {
                    e.bytes(200, "application/json", MalformedBody.truncate(Json.bytes(valid)), Map.of());
                } else {
                    e.json(200, Json.object().put("transcript", text).put("duration", "unknown"));
                }
            }
        });
    }

    private void error(Exchange ex, int status, String message, String type, String param, String code) {
        runtime.stats().error("http" + status);
        ex.json(status, errorBody(message, type, param, code));
    }

    private static ObjectNode errorBody(String message, String type, String param, String code) {
        ObjectNode body = Json.object();
        ObjectNode err = body.putObject("error");
        err.put("message", message);
        err.put("type", type);
        if (param == null) {
            err.putNull("param");
        } else {
            err.put("param", param);
        }
        if (code == null) {
            err.putNull("code");
        } else {
            err.put("code", code);
        }
        return body;
    }
}
