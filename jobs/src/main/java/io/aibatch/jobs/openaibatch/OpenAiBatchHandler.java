package io.aibatch.jobs.openaibatch;

import io.aibatch.engine.BackendException;
import io.aibatch.engine.Locality;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.Units;
import io.aibatch.resilience.BackendExecutor;
import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.CallsExhaustedException;
import io.aibatch.resilience.FailurePolicy;
import io.aibatch.routing.EngineUse;
import io.aibatch.routing.Restriction;
import io.aibatch.routing.detect.IdentifierDetector;
import io.aibatch.source.ItemSource;
import io.aibatch.source.LineAddress;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request line: read it, check it, look for restricted content in its text, send its body to the endpoint through
 * the backend executor, and turn the reply into a Batch output line. A line that is not a request, a request the
 * server refuses (4xx) and one whose retries run out are dead-lettered; {@code errors.jsonl} is built from those
 * dead-letters ({@link BatchOutputFiles}). Dead-letter codes: {@code malformed-line}, {@code invalid-request},
 * {@code restricted} (restricted content and a CLOUD endpoint), {@code http-<status>} (the server's reply), and the
 * failure policy's own ({@code backend-failed}, ...).
 */
final class OpenAiBatchHandler implements ItemHandler {

    /** The unit counting requests sent: the Batch API's own limit is in requests per file. */
    static final String REQUESTS = "requests";

    private final ItemSource lines;
    private final OpenAiEndpoint endpoint;
    private final BackendExecutor backend;
    private final CallObserver observer;
    private final List<IdentifierDetector> detectors;
    private final String model;
    private final long maxLineBytes;

    /**
     * @param model        replaces each line's {@code body.model}; null or blank keeps the line's
     * @param maxLineBytes a longer line is dead-lettered {@code too-large} unread
     */
    OpenAiBatchHandler(
            ItemSource lines,
            OpenAiEndpoint endpoint,
            BackendExecutor backend,
            CallObserver observer,
            List<IdentifierDetector> detectors,
            String model,
            long maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        this.lines = lines;
        this.endpoint = endpoint;
        this.backend = backend;
        this.observer = observer;
        this.detectors = List.copyOf(detectors);
        this.model = model;
    }

    @Override
    public CompletableFuture<ItemOutcome> handle(WorkItem item) {
        if (item.size() > maxLineBytes) {
            return CompletableFuture.completedFuture(new ItemOutcome.DeadLettered(
                    item,
                    "too-large",
                    "%s is %,d bytes, above the limit of %,d bytes (%s.max-line-size)"
                            .formatted(
                                    BatchRequest.at(LineAddress.of(item)),
                                    item.size(),
                                    maxLineBytes,
                                    OpenAiBatchProperties.PREFIX),
                    0));
        }
        BatchRequest request;
        try {
            // read on the slice's reader thread, in order: the line source reads a file front to back
            byte[] line;
            try (InputStream in = lines.open(item)) {
                line = in.readAllBytes();
            }
            request = BatchRequest.parse(line, LineAddress.of(item));
        } catch (Exception e) {
            return CompletableFuture.completedFuture(FailurePolicy.deadLetterOrThrow(item, e));
        }
        Restriction restriction = restriction(request.text());
        if (endpoint.locality() == Locality.CLOUD && restriction.restricted()) {
            return CompletableFuture.completedFuture(new ItemOutcome.DeadLettered(
                    item,
                    "restricted",
                    BatchRequest.at(LineAddress.of(item)) + " (custom_id " + request.customId() + ") holds restricted "
                            + "content (" + String.join(", ", restriction.reasons()) + "); it was not sent to the "
                            + "cloud endpoint " + endpoint.name(),
                    0));
        }
        byte[] body = request.bodyFor(model);
        return backend.execute(
                        () -> endpoint.post(request.url(), body, item.source(), restriction.sensitivity()), observer)
                .handle((reply, error) ->
                        error == null ? processed(item, request, restriction, reply) : failed(item, request, error));
    }

    private ItemOutcome processed(
            WorkItem item, BatchRequest request, Restriction restriction, OpenAiEndpoint.Reply reply) {
        String requestId = reply.requestId() != null ? reply.requestId() : "req_" + item.id();
        BatchOutputLine line = new BatchOutputLine(
                item.id(),
                item.source(),
                item.name(),
                request.customId(),
                new BatchOutputLine.Response(reply.status(), requestId, reply.body()),
                null,
                restriction.reasons(),
                List.of(EngineUse.of(endpoint, "openai-batch")));
        return new ItemOutcome.Processed(item, line, units(reply.body()));
    }

    /** The slice is done: the line source's open file is closed. */
    @Override
    public void close() throws java.io.IOException {
        lines.close();
    }

    /** Tokens from the reply's usage (embeddings have prompt tokens only), and one request. */
    private Units units(ObjectNode body) {
        JsonNode usage = body.path("usage");
        long in = usage.path("prompt_tokens").asLong(0);
        long out = usage.path("completion_tokens").asLong(0);
        return Units.tokens(in, out, endpoint.locality()).plus(Units.of(REQUESTS, 1));
    }

    /** The server's refusal as {@code http-<status>}; anything else as the failure policy says (or the step fails). */
    private static ItemOutcome failed(WorkItem item, BatchRequest request, Throwable error) {
        Throwable cause = FailurePolicy.unwrap(error);
        if (cause instanceof CallsExhaustedException exhausted) {
            BackendException last = exhausted.lastFailure();
            if (last.status() > 0 && last.status() != 200) {
                return new ItemOutcome.DeadLettered(
                        item,
                        "http-" + last.status(),
                        "custom_id " + request.customId() + ": " + exhausted.getMessage(),
                        exhausted.attempts());
            }
        }
        return FailurePolicy.deadLetterOrThrow(item, error);
    }

    /** Every detector that finds its identifier in the request's text is a reason. */
    private Restriction restriction(String text) {
        List<String> reasons = new ArrayList<>();
        for (IdentifierDetector detector : detectors) {
            if (detector.foundIn(text)) {
                reasons.add(detector.reason());
            }
        }
        return new Restriction(!reasons.isEmpty(), reasons);
    }
}
