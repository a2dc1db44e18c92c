package io.aibatch.engine.speech;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.MultipartField;
import com.openai.core.http.Headers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import com.openai.models.audio.transcriptions.TranscriptionVerbose;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.Locality;
import io.aibatch.resilience.FailurePolicy;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * OpenAI-compatible {@code POST /v1/audio/transcriptions} (OpenAI, a Whisper server in the cluster, the simulator)
 * through openai-java. The library's own retries are off: retrying belongs to the resilience layer, which needs
 * every failure classified ({@link #classify}).
 */
public final class OpenAiTranscriptionEngine implements TranscriptionEngine {

    /**
     * @param endpoint       base URL; {@code /v1} is appended when the URL has no path
     * @param apiKey         sent as a bearer token; may be empty for servers that need none. Never logged
     * @param model          e.g. {@code whisper-1}
     * @param responseFormat {@code json}, {@code verbose_json} (segments with times) or {@code text}
     * @param language       ISO-639-1 hint, or null to let the server detect it
     * @param locality       where the endpoint runs
     * @param timeout        per request; the resilience layer may cut it shorter
     */
    public record Settings(
            URI endpoint,
            String apiKey,
            String model,
            String responseFormat,
            String language,
            Locality locality,
            Duration timeout) {

        public Settings {
            if (!List.of("json", "verbose_json", "text").contains(responseFormat)) {
                throw new IllegalArgumentException(
                        "response format must be json, verbose_json or text, was '" + responseFormat + "'");
            }
        }
    }

    private final Settings settings;
    private final OpenAIClientAsync client;
    private final String name;

    public OpenAiTranscriptionEngine(Settings settings) {
        this.settings = settings;
        String base = settings.endpoint().toString().replaceAll("/+$", "");
        if (settings.endpoint().getPath() == null
                || settings.endpoint().getPath().isEmpty()
                || settings.endpoint().getPath().equals("/")) {
            base += "/v1";
        }
        this.client = OpenAIOkHttpClientAsync.builder()
                .baseUrl(base)
                .apiKey(settings.apiKey() == null || settings.apiKey().isEmpty() ? "none" : settings.apiKey())
                .maxRetries(0)
                .timeout(settings.timeout())
                .build();
        this.name = "openai/" + settings.model();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Locality locality() {
        return settings.locality();
    }

    @Override
    public CompletableFuture<Transcript> transcribe(PcmAudio audio) {
        TranscriptionCreateParams.Builder params = TranscriptionCreateParams.builder()
                // the server picks the decoder from the file name's extension, as OpenAI's does
                .file(MultipartField.<java.io.InputStream>builder()
                        .value(new ByteArrayInputStream(audio.wav()))
                        .filename("audio.wav")
                        .contentType("audio/wav")
                        .build())
                .model(settings.model())
                .responseFormat(AudioResponseFormat.of(settings.responseFormat()));
        if (settings.language() != null && !settings.language().isBlank()) {
            params.language(settings.language());
        }
        CompletableFuture<TranscriptionCreateResponse> call;
        try {
            call = client.audio().transcriptions().create(params.build());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(classify(e));
        }
        long started = System.nanoTime();
        return call.handle((response, failure) -> {
            if (failure != null) {
                throw classify(failure);
            }
            return toTranscript(response, audio.seconds(), (System.nanoTime() - started) / 1_000_000);
        });
    }

    private Transcript toTranscript(TranscriptionCreateResponse response, double audioSeconds, long elapsedMillis) {
        try {
            if (response.isVerbose()) {
                TranscriptionVerbose v = response.asVerbose();
                List<Transcript.Segment> segments = new ArrayList<>();
                // the library reads times as float: round to milliseconds so 4.39 stays 4.39
                v.segments()
                        .orElse(List.of())
                        .forEach(s -> segments.add(new Transcript.Segment(
                                millis(s.start()), millis(s.end()), s.text().strip())));
                return new Transcript(
                        v.text().strip(), segments, v.duration() > 0 ? v.duration() : audioSeconds, 1, elapsedMillis);
            }
            if (response.isTranscription()) {
                return new Transcript(
                        response.asTranscription().text().strip(), List.of(), audioSeconds, 1, elapsedMillis);
            }
            throw new OpenAIInvalidDataException("unexpected transcription shape: " + response);
        } catch (OpenAIException e) {
            throw classify(e);
        }
    }

    private static double millis(float seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }

    /** Maps openai-java's failures onto the three kinds the resilience layer understands. */
    BackendException classify(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof BackendException b) {
            return b;
        }
        if (e instanceof OpenAIServiceException s) {
            int status = s.statusCode();
            String message = "HTTP " + status + " from " + settings.endpoint() + ": " + s.getMessage();
            return FailurePolicy.fromStatus(name, status, retryAfter(s.headers()), true, message);
        }
        if (e instanceof OpenAIIoException || e instanceof java.io.IOException) {
            return FailurePolicy.fromException(
                    name, "connection to " + settings.endpoint() + " failed or timed out", e);
        }
        if (e instanceof OpenAIInvalidDataException) {
            return BackendException.transientFailure(name, 200, "malformed reply: " + e.getMessage(), e);
        }
        return BackendException.transientFailure(name, 0, "unexpected failure: " + e, e);
    }

    /** {@code retry-after-ms} (Azure) wins over {@code Retry-After} seconds; HTTP dates are not used by these servers. */
    static Duration retryAfter(Headers headers) {
        for (String v : headers.values("retry-after-ms")) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(v.strip()));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        for (String v : headers.values("retry-after")) {
            try {
                return Duration.ofMillis((long) (Double.parseDouble(v.strip()) * 1000));
            } catch (NumberFormatException ignored) {
                // an HTTP date: not sent by these servers
            }
        }
        return null;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return name + " at " + settings.endpoint() + " ("
                + settings.locality().name().toLowerCase(Locale.ROOT) + ")";
    }
}
