package io.aibatch.simulator.http;

import io.aibatch.simulator.Backend;
import io.aibatch.simulator.ReceivedRequest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Observers of received requests, per backend; a test uses them to prove what did or did not reach a service. */
public final class RequestObservers {

    private static final Logger LOG = LoggerFactory.getLogger(RequestObservers.class);

    private final Map<Backend, List<Consumer<ReceivedRequest>>> observers = new EnumMap<>(Backend.class);

    public RequestObservers() {
        for (Backend b : Backend.values()) {
            observers.put(b, new CopyOnWriteArrayList<>());
        }
    }

    public AutoCloseable add(Backend backend, Consumer<ReceivedRequest> observer) {
        List<Consumer<ReceivedRequest>> list = observers.get(backend);
        list.add(observer);
        return () -> list.remove(observer);
    }

    void notify(ReceivedRequest request) {
        for (Consumer<ReceivedRequest> o : observers.get(request.backend())) {
            try {
                o.accept(request);
            } catch (RuntimeException e) {
                LOG.warn("request observer failed", e);
            }
        }
    }
}
