package io.aibatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU time of a child process, in total and by thread (Linux: /proc/PID/task), as last seen: a process's or a
 * thread's time can only be read while it runs, so the caller samples until the process ends, and what it used after
 * the last sample is not counted.
 */
final class ProcessCpuWatch {

    private static final long TICK_NANOS = 10_000_000; // USER_HZ = 100 on Linux

    private long nanos;
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> threadNanos = new HashMap<>();

    void sample(ProcessHandle process) {
        process.info().totalCpuDuration().ifPresent(d -> nanos = Math.max(nanos, d.toNanos()));
        Path tasks = Path.of("/proc", String.valueOf(process.pid()), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(this::sampleThread);
        } catch (IOException e) {
            // the process ended meanwhile
        }
    }

    private void sampleThread(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            int close = stat.lastIndexOf(')');
            String name = stat.substring(stat.indexOf('(') + 1, close);
            String[] fields = stat.substring(close + 2).split(" ");
            // fields from the 3rd of stat on: utime is the 14th, stime the 15th
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long tid = Long.parseLong(task.getFileName().toString());
            names.put(tid, name);
            threadNanos.merge(tid, ticks * TICK_NANOS, Math::max);
        } catch (IOException | RuntimeException e) {
            // the thread ended meanwhile
        }
    }

    /** The process's CPU time in all, as last sampled. */
    long nanos() {
        return nanos;
    }

    /** µs per item by thread name, digits folded (a pool's threads together), largest first. */
    String byThread(long items) {
        Map<String, Long> byName = new TreeMap<>();
        threadNanos.forEach((tid, n) -> byName.merge(names.get(tid).replaceAll("[0-9]+", "#"), n, Long::sum));
        return byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s=%.1f", e.getKey(), e.getValue() / 1e3 / items))
                .collect(Collectors.joining(" "));
    }
}
