package io.aibatch.jobs.openaibatch;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.aibatch.routing.EngineUse;
import io.aibatch.routing.Routed;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of a Batch output or error file (BatchRequestOutput), exactly: {@code id}, {@code custom_id},
 * {@code response: {status_code, request_id, body}} and {@code error}, nothing else, nulls written out. Where the
 * request's content went (the restriction check and the endpoint) is not part of the line: it goes to the audit
 * trail ({@link Routed}), as for every job.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "custom_id", "response", "error"})
final class BatchOutputLine implements Routed {

    /** {@code response} of a line: the HTTP status, the server's request id and its body. */
    @JsonPropertyOrder({"status_code", "request_id", "body"})
    record Response(
            @JsonProperty("status_code") int statusCode,
            @JsonProperty("request_id") String requestId,
            @JsonProperty("body") ObjectNode body) {}

    /** {@code error} of a line: for failures without an HTTP reply. */
    record Error(@JsonProperty("code") String code, @JsonProperty("message") String message) {}

    private final String itemId;
    private final String source;
    private final String name;
    private final String customId;
    private final Response response;
    private final Error error;
    private final List<String> restrictedReasons;
    private final List<EngineUse> routing;

    BatchOutputLine(
            String itemId,
            String source,
            String name,
            String customId,
            Response response,
            Error error,
            List<String> restrictedReasons,
            List<EngineUse> routing) {
        this.itemId = itemId;
        this.source = source;
        this.name = name;
        this.customId = customId;
        this.response = response;
        this.error = error;
        this.restrictedReasons = List.copyOf(restrictedReasons);
        this.routing = List.copyOf(routing);
    }

    /** The line's id: derived from the item id, so a line written again after a restart is the same line. */
    @JsonProperty("id")
    String lineId() {
        return "batch_req_" + itemId;
    }

    @JsonProperty("custom_id")
    String customId() {
        return customId;
    }

    @JsonProperty("response")
    Response response() {
        return response;
    }

    @JsonProperty("error")
    Error error() {
        return error;
    }

    @Override
    @JsonIgnore
    public String id() {
        return itemId;
    }

    @Override
    @JsonIgnore
    public String source() {
        return source;
    }

    @Override
    @JsonIgnore
    public String name() {
        return name;
    }

    @Override
    @JsonIgnore
    public boolean restricted() {
        return !restrictedReasons.isEmpty();
    }

    @Override
    @JsonIgnore
    public List<String> restrictedReasons() {
        return restrictedReasons;
    }

    @Override
    @JsonIgnore
    public List<EngineUse> routing() {
        return routing;
    }
}
