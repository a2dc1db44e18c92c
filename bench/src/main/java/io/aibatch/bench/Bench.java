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

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }
}
