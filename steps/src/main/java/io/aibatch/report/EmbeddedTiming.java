package io.aibatch.report;

import io.aibatch.resilience.CallObserver;
import io.aibatch.resilience.CallOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Times the engines that run inside this JVM (Tesseract, the PDF text layer, the MiniLM classifier and extractive
 * summaries) and reports each call to the slice's {@link CallObserver} like a remote backend's attempt, so the report
 * shows their calls, latency percentiles and busy share next to the remote backends'. Their names start with
 * {@link #PREFIX}.
 */
public final class EmbeddedTiming {

    public static final String PREFIX = "embedded/";

    private final String backend;
    private final CallObserver observer;

    public EmbeddedTiming(String engineName, CallObserver observer) {
        this.backend = engineName.startsWith(PREFIX) ? engineName : PREFIX + engineName;
        this.observer = observer;
    }

    public String backend() {
        return backend;
    }

    /** Runs {@code call} on this thread and records how long it took (a thrown exception is a permanent failure). */
    public <T> T time(Supplier<T> call) {
        long started = System.nanoTime();
        try {
            T result = call.get();
            observer.onAttempt(backend, System.nanoTime() - started, CallOutcome.SUCCESS, 1);
            return result;
        } catch (RuntimeException | Error e) {
            observer.onAttempt(backend, System.nanoTime() - started, CallOutcome.PERMANENT, 1);
            throw e;
        }
    }

    /** Records from the call to the future's completion (waiting for the engine's own thread pool included). */
    public <T> CompletableFuture<T> timeAsync(Supplier<CompletableFuture<T>> call) {
        long started = System.nanoTime();
        CompletableFuture<T> future;
        try {
            future = call.get();
        } catch (RuntimeException e) {
            observer.onAttempt(backend, System.nanoTime() - started, CallOutcome.PERMANENT, 1);
            throw e;
        }
        return future.whenComplete((result, failure) -> observer.onAttempt(
                backend,
                System.nanoTime() - started,
                failure == null ? CallOutcome.SUCCESS : CallOutcome.PERMANENT,
                1));
    }

    /** Records a duration measured by the caller (e.g. one page of a PDF's text layer, read while the PDF is decoded). */
    public void record(long nanos) {
        observer.onAttempt(backend, nanos, CallOutcome.SUCCESS, 1);
    }
}
