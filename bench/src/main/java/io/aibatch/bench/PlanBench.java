package io.aibatch.bench;

import io.aibatch.plan.RunPlanner;
import io.aibatch.plan.Slice;
import io.aibatch.plan.SlicePlan;
import io.aibatch.store.Locations;
import io.aibatch.store.OutputStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plan}: how long planning a very large run takes and how much heap it keeps. Runs the planner the jobs use
 * ({@link RunPlanner}: listing streamed into the manifest in the output store, then slices cut from a second pass)
 * over a synthetic listing. Run with a small heap to show memory stays flat:
 * {@code java -Xmx256m -jar bench/target/aibatch-bench.jar plan --items 1000000}.
 */
@Command(
        name = "plan",
        description = "Plan a synthetic listing of many items into a manifest and slices; report time and heap.")
final class PlanBench implements Callable<Integer> {

    @Option(
            names = "--items",
            defaultValue = "1000000",
            description = "Items in the synthetic listing (default ${DEFAULT-VALUE}).")
    long items;

    @Option(names = "--partitions", defaultValue = "64", description = "Slices to cut (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--output",
            description =
                    "Where the manifest goes: a directory or a blob URL (default: a temporary directory, removed after).")
    String output;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
        Path temporary = output == null ? Files.createTempDirectory("aibatch-bench-plan") : null;
        String location = output != null ? output : temporary.toString();
        try (HeapWatcher heap = new HeapWatcher()) {
            OutputStore store = Locations.output(location);
            long started = System.nanoTime();
            SlicePlan plan = RunPlanner.plan(new SyntheticListingSource(items, seed), store, partitions);
            double seconds = (System.nanoTime() - started) / 1e9;
            long largest = plan.slices().stream().mapToLong(Slice::bytes).max().orElse(0);
            long smallest = plan.slices().stream().mapToLong(Slice::bytes).min().orElse(0);
            System.out.println(new BenchResult("plan")
                    .put("items", plan.items())
                    .put("seconds", seconds)
                    .put("heapMB", (long) Math.ceil(heap.maxLiveMb()))
                    .put("heapPeakMB", (long) Math.ceil(heap.maxUsedMb()))
                    .put("xmxMB", Math.round(HeapWatcher.maxHeapMb()))
                    .put("slices", plan.slices().size())
                    .put("sliceBytesMaxOverMin", smallest == 0 ? 0.0 : (double) largest / smallest)
                    .put("itemsPerSecond", Math.round(plan.items() / seconds))
                    .put("store", output == null ? "local" : location.contains("://") ? "blob" : "local")
                    .line());
            return 0;
        } finally {
            if (temporary != null) {
                deleteRecursively(temporary);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
