package io.aibatch.simulator.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.util.Callback;

/** Requests left hanging on purpose; released (failed) when the simulator closes so Jetty can stop cleanly. */
public final class HangRegistry {

    private final Set<Callback> hanging = ConcurrentHashMap.newKeySet();

    void add(Callback callback) {
        hanging.add(callback);
    }

    public int size() {
        return hanging.size();
    }

    public void releaseAll() {
        for (Callback c : hanging) {
            c.failed(new QuietIoException("simulator closing"));
        }
        hanging.clear();
    }
}
