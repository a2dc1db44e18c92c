package io.aibatch.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar bench/target/aibatch-bench.jar <case> [options]}. Each case is one class, registered below as a
 * subcommand; it prints one machine-readable line {@code RESULT <case> key=value ...} (see {@link BenchResult}).
 */
@Command(
        name = "aibatch-bench",
        mixinStandardHelpOptions = true,
        description = "aibatch benchmarks; each prints a line 'RESULT <case> key=value ...'.",
        subcommands = {
            PlanBench.class,
            SaturationBench.class,
            OverheadBench.class,
            AdaptiveBench.class,
            NaiveBench.class,
            DetectBench.class,
            OpenAiBatchBench.class
        })
public final class Bench {

    /** As the aibatch CLI does (io.aibatch.cli.AsyncPool), so that the raw loops are no slower than they need be. */
    private static final String COMMON_POOL = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        // on <= 2 CPUs the JDK's HttpClient would complete every response on a new thread (CompletableFuture runs
        // async stages on a thread per task when the common pool has fewer than 2 threads)
        if (System.getProperty(COMMON_POOL) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_POOL, "2");
        }
        System.exit(new CommandLine(new Bench()).execute(args));
    }
}
