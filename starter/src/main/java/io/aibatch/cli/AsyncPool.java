package io.aibatch.cli;

import java.util.concurrent.ForkJoinPool;

/**
 * Keeps the JDK's asynchronous completions on a pool. {@code CompletableFuture} runs {@code *Async} stages without an
 * executor on the common ForkJoin pool only when that pool has at least two threads; below that it starts a new
 * thread for every stage. The JDK's HttpClient completes every response that way, so on a machine (or container) with
 * two CPUs or fewer, where the common pool gets {@code CPUs - 1} threads, each request started and ended a thread of
 * its own: 200,000 thread starts in a 200,000-request run. Raising the common pool to two threads, before anything
 * uses it, keeps those completions on the pool. An explicit {@value #PROPERTY} is left as it is.
 */
final class AsyncPool {

    static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";
    /** The smallest common pool CompletableFuture uses instead of a thread per task. */
    static final int MINIMUM = 2;

    private AsyncPool() {}

    /** Call first thing in {@code main}: the common pool reads the property once, when it is first used. */
    static void ensureShared() {
        String parallelism =
                parallelism(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors());
        if (parallelism != null) {
            System.setProperty(PROPERTY, parallelism);
        }
    }

    /** The property to set, or null to leave it: set only when unset and the default would be below the minimum. */
    static String parallelism(String configured, int processors) {
        if (configured != null || processors - 1 >= MINIMUM) {
            return null;
        }
        return String.valueOf(MINIMUM);
    }

    /** Whether CompletableFuture's default executor is the common pool (not a thread per task) in this JVM. */
    static boolean shared() {
        return ForkJoinPool.getCommonPoolParallelism() >= MINIMUM;
    }
}
