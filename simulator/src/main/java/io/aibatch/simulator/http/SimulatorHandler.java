package io.aibatch.simulator.http;

import io.aibatch.simulator.ReceivedRequest;
import io.aibatch.simulator.engine.BackendRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Routes a request to the admin endpoints or to the backend that owns its path. The body is read asynchronously
 * and whole (service bodies are bounded), then observers see it, then the backend acts. Returning true from
 * {@link #handle} without finishing the callback is what lets a response be written later from the scheduler.
 */
public final class SimulatorHandler extends Handler.Abstract {

    /** Largest body accepted; the Azure services themselves cap uploads at 50 MB (Read) and 500 MB (DI, paid tier). */
    static final int MAX_BODY_BYTES = 200 * 1024 * 1024;

    private final List<BackendHandler> backends;
    private final Map<io.aibatch.simulator.Backend, BackendRuntime> runtimes;
    private final AdminHandler admin;
    private final RequestObservers observers;
    private final HangRegistry hangs;
    private final ApiKeyGate keys;

    public SimulatorHandler(
            List<BackendHandler> backends,
            Map<io.aibatch.simulator.Backend, BackendRuntime> runtimes,
            AdminHandler admin,
            RequestObservers observers,
            HangRegistry hangs) {
        this(backends, runtimes, admin, observers, hangs, new ApiKeyGate(null));
    }

    public SimulatorHandler(
            List<BackendHandler> backends,
            Map<io.aibatch.simulator.Backend, BackendRuntime> runtimes,
            AdminHandler admin,
            RequestObservers observers,
            HangRegistry hangs,
            ApiKeyGate keys) {
        this.keys = keys;
        this.backends = List.copyOf(backends);
        this.runtimes = runtimes;
        this.admin = admin;
        this.observers = observers;
        this.hangs = hangs;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (path.startsWith(AdminHandler.PREFIX)) {
            return admin.handle(request, response, callback, path);
        }
        BackendHandler target = null;
        for (BackendHandler h : backends) {
            if (h.matches(path)) {
                target = h;
                break;
            }
        }
        if (target == null) {
            return false; // Jetty's default 404
        }
        BackendHandler handler = target;
        String method = request.getMethod();
        if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method) || HttpMethod.DELETE.is(method)) {
            dispatch(handler, request, response, callback, path, new byte[0]);
        } else {
            Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES).whenComplete((body, failure) -> {
                if (failure != null) {
                    Response.writeError(
                            request,
                            response,
                            callback,
                            413,
                            "request body unreadable or larger than " + MAX_BODY_BYTES + " bytes");
                } else {
                    dispatch(handler, request, response, callback, path, body);
                }
            });
        }
        return true;
    }

    private void dispatch(
            BackendHandler handler, Request request, Response response, Callback callback, String path, byte[] body) {
        ReceivedRequest received = new ReceivedRequest(
                handler.backend(), request.getMethod(), path, query(request), headers(request), body);
        BackendRuntime runtime = runtimes.get(handler.backend());
        var refusal = keys.refusal(path, received.headers());
        if (refusal != null) {
            runtime.stats().error("http401");
            new Exchange(request, response, callback, received, hangs).json(401, refusal);
            return;
        }
        if (handler.isPoll(request.getMethod(), path)) {
            runtime.stats().poll();
        } else {
            runtime.stats().request();
        }
        observers.notify(received);
        Exchange exchange = new Exchange(request, response, callback, received, hangs);
        try {
            handler.handle(exchange);
        } catch (RuntimeException e) {
            runtime.stats().error("simulatorBug");
            Response.writeError(request, response, callback, e);
        }
    }

    private static Map<String, List<String>> query(Request request) {
        Fields fields = Request.extractQueryParameters(request);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Fields.Field f : fields) {
            out.put(f.getName(), List.copyOf(f.getValues()));
        }
        return out;
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            out.computeIfAbsent(f.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(f.getValue());
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }
}
