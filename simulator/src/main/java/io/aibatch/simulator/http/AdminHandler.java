package io.aibatch.simulator.http;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.BackendStats;
import io.aibatch.simulator.batch.BatchService;
import io.aibatch.simulator.engine.BackendRuntime;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * GET /_sim/stats (counters as JSON) and POST /_sim/reset, for tests and benchmarks driving a separate process; GET
 * /_sim/files (every file of the Files API ever stored, deleted ones included, with its content) and POST
 * /_sim/batches/{id}/expire (a running batch expires now).
 */
public final class AdminHandler {

    public static final String PREFIX = "/_sim/";

    private final Map<Backend, BackendRuntime> runtimes;
    private final Runnable reset;
    private final BatchService batches;

    public AdminHandler(Map<Backend, BackendRuntime> runtimes, Runnable reset, BatchService batches) {
        this.runtimes = runtimes;
        this.reset = reset;
        this.batches = batches;
    }

    boolean handle(Request request, Response response, Callback callback, String path) {
        if (path.equals(PREFIX + "stats") && HttpMethod.GET.is(request.getMethod())) {
            write(response, callback, 200, statsJson(runtimes));
            return true;
        }
        if (path.equals(PREFIX + "reset") && HttpMethod.POST.is(request.getMethod())) {
            reset.run();
            write(response, callback, 200, Json.object().put("reset", true));
            return true;
        }
        if (path.equals(PREFIX + "files") && HttpMethod.GET.is(request.getMethod())) {
            write(response, callback, 200, batches.adminFiles());
            return true;
        }
        if (path.startsWith(PREFIX + "batches/")
                && path.endsWith("/expire")
                && HttpMethod.POST.is(request.getMethod())) {
            String id = path.substring((PREFIX + "batches/").length(), path.length() - "/expire".length());
            boolean known = batches.expireNow(id);
            write(
                    response,
                    callback,
                    known ? 200 : 404,
                    Json.object().put("id", id).put("expired", known));
            return true;
        }
        return false;
    }

    public static ObjectNode statsJson(Map<Backend, BackendRuntime> runtimes) {
        ObjectNode root = Json.object();
        ObjectNode backends = root.putObject("backends");
        for (Backend b : Backend.values()) {
            BackendStats s = runtimes.get(b).snapshot();
            ObjectNode n = backends.putObject(b.key());
            n.put("unit", b.unit());
            n.put("requests", s.requests());
            n.put("polls", s.polls());
            n.put("accepted", s.accepted());
            n.put("throttled", s.throttled());
            ObjectNode errors = n.putObject("errors");
            s.errors().forEach(errors::put);
            n.put("maxConcurrentInService", s.maxConcurrentInService());
            n.put("unitsProcessed", s.unitsProcessed());
            n.put("inService", s.inService());
            n.put("queued", s.queued());
        }
        return root;
    }

    private static void write(Response response, Callback callback, int status, ObjectNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(Json.bytes(body)), callback);
    }
}
