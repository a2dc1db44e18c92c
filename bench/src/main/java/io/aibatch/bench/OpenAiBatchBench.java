package io.aibatch.bench;

import com.sun.management.OperatingSystemMXBean;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code openai-batch}: a whole run of the openai-batch job over one JSONL file of N chat requests (default 1,000,000)
 * against the simulator's vLLM with enough slots and a short service time not to be the bottleneck. aibatch is the
 * real CLI in a JVM of its own, started as the application image starts it ({@link ImageLayout}: the extracted jar and
 * the image's class-data archive; {@code --layout jar} runs the fat jar instead), {@code -Xmx512m}, fixed concurrency C,
 * embedded H2 repository: plan, slices, chunk files, output.jsonl merged at the end, report; its wall time is from
 * start to exit. raw is an asynchronous loop in this JVM over the same file at the same concurrency C: read a line,
 * parse it, POST its body, C requests in flight, each reply parsed; it runs once before the aibatch run and once after
 * it, and rawPerSecond is both together (2N requests over their time), so that a drift of the machine's speed during
 * the bench is not charged to either side. heapMB is the largest heap the run kept after a garbage collection (from its
 * GC log). ratio = itemsPerSecond / rawPerSecond.
 */
@Command(
        name = "openai-batch",
        description = "A whole openai-batch run over N requests vs a raw async loop over the same file.")
final class OpenAiBatchBench implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern GC_AFTER = Pattern.compile("->(\\d+)M\\(\\d+M\\)");

    @Option(names = "--requests", defaultValue = "1000000")
    long requests;

    @Option(names = "--concurrency", defaultValue = "64")
    int concurrency;

    @Option(names = "--partitions", defaultValue = "4")
    int partitions;

    /**
     * aibatch.chunk-size of the run: requests per commit. The default of the product (20) is for documents; for small
     * requests an operator raises it (docs/openai-batch.md), as this does: a commit and two fsynced chunk files per
     * 1,000 requests, not per 20.
     */
    @Option(names = "--chunk", defaultValue = "1000")
    int chunk;

    @Option(names = "--service-ms", defaultValue = "5", description = "Simulated vLLM service time (mean, no jitter).")
    long serviceMs;

    @Option(names = "--jar", defaultValue = "jobs/target/aibatch.jar")
    Path jar;

    /** How the CLI is started: as the image starts it, or {@code java -jar} of the fat jar. */
    enum Layout {
        image,
        jar
    }

    @Option(
            names = "--layout",
            defaultValue = "image",
            description = "image (default): the jar extracted and its class-data archive made as the Dockerfile does;"
                    + " jar: java -jar of --jar.")
    Layout layout;

    @Option(names = "--heap", defaultValue = "512m")
    String heap;

    @Option(names = "--dir", description = "Working directory (default: a new temporary one).")
    Path dir;

    @Option(
            names = "--run-jvm-option",
            description =
                    "An option for the aibatch run's JVM, e.g. -XX:StartFlightRecording=filename=run.jfr (repeatable).")
    List<String> runJvmOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : SliceRun.temporaryDirectory("openai-batch");
        SimulatorConfig config = SimulatorConfig.defaults()
                .withIdleTimeoutMs(600_000)
                .withBackend(Backend.VLLM, b -> b.withSlots(Math.max(1024, 4 * concurrency))
                        .withServiceTime(serviceMs, 0)
                        .withJitterSigma(0));
        String model = config.backend(Backend.VLLM).model();
        Path input = work.resolve("requests.jsonl");
        write(input, model, requests);
        List<String> launch = layout == Layout.image
                ? ImageLayout.prepare(jar, work.resolve("image")).launch()
                : List.of("-jar", jar.toString());
        try (Simulator simulator = Simulator.start(config)) {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4))
                    .build();
            raw(http, simulator.baseUrl(), input, Math.min(requests, 20_000)); // warm up connections and JIT
            long rawCpuBefore = ownCpuNanos();
            double rawBefore = raw(http, simulator.baseUrl(), input, requests);
            double rawCpuMicros = (ownCpuNanos() - rawCpuBefore) / 1e3;
            Path output = work.resolve("out");
            Path gcLog = work.resolve("gc.log");
            long started = System.nanoTime();
            long benchCpuBefore = ownCpuNanos();
            ProcessCpuWatch runCpu = new ProcessCpuWatch();
            int exit = aibatch(
                    launch,
                    simulator.baseUrl(),
                    input,
                    output,
                    gcLog,
                    work.resolve("wd"),
                    work.resolve("run.log"),
                    runCpu);
            double seconds = (System.nanoTime() - started) / 1e9;
            double benchCpuMicros = (ownCpuNanos() - benchCpuBefore) / 1e3;
            if (exit != 0) {
                throw new IllegalStateException(
                        "the openai-batch run exited " + exit + "; see " + work.resolve("run.log"));
            }
            long written = lines(output.resolve("output.jsonl")) + lines(output.resolve("errors.jsonl"));
            if (written != requests) {
                throw new IllegalStateException(
                        "output.jsonl and errors.jsonl hold " + written + " lines, not " + requests);
            }
            // the loop again after the run: the machine's speed drifts over minutes (shared hosts), and a baseline
            // taken only before the run charges the drift to aibatch; raw is both loops' rate (2N over their time)
            long rawAfterCpuBefore = ownCpuNanos();
            double rawAfter = raw(http, simulator.baseUrl(), input, requests);
            rawCpuMicros += (ownCpuNanos() - rawAfterCpuBefore) / 1e3;
            double raw = 2 / (1 / rawBefore + 1 / rawAfter);
            double itemsPerSecond = requests / seconds;
            System.out.println(new BenchResult("openai-batch")
                    .put("items", requests)
                    .put("seconds", seconds)
                    .put("itemsPerSecond", itemsPerSecond)
                    .put("rawPerSecond", raw)
                    .put("ratio", itemsPerSecond / raw)
                    .put("heapMB", maxHeapAfterGcMb(gcLog))
                    .put("rawBeforePerSecond", rawBefore)
                    .put("rawAfterPerSecond", rawAfter)
                    .put("runCpuUsPerItem", runCpu.nanos() / 1e3 / requests)
                    .put("simulatorCpuUsPerItem", benchCpuMicros / requests)
                    .put("rawCpuUsPerItem", rawCpuMicros / 2 / requests)
                    .put("concurrency", concurrency)
                    .put("partitions", partitions)
                    .put("layout", layout.name())
                    .line());
            System.out.println("run CPU by thread, µs per item: " + runCpu.byThread(requests));
        }
        return 0;
    }

    /** N chat requests in the Batch input format, written as a stream. */
    private static void write(Path file, String model, long count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 1; i <= count; i++) {
                out.write("{\"custom_id\":\"request-" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                        + "\"body\":{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":"
                        + "\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":\"What is " + i
                        + " + 2?\"}],\"max_tokens\":8}}\n");
            }
        }
    }

    /** Requests per second of a bare loop over the file: C in flight, each line parsed and its body POSTed. */
    private double raw(HttpClient http, String baseUrl, Path file, long count) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        AtomicLong failed = new AtomicLong();
        long begin = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long sent = 0;
            while (sent < count && (line = in.readLine()) != null) {
                JsonNode request = JSON.readTree(line);
                byte[] body = JSON.writeValueAsBytes(request.get("body"));
                slots.acquire();
                http.sendAsync(
                                HttpRequest.newBuilder(URI.create(
                                                baseUrl + request.get("url").asString()))
                                        .timeout(Duration.ofSeconds(60))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .whenComplete((response, error) -> {
                            if (error != null || response.statusCode() != 200) {
                                failed.incrementAndGet();
                            } else {
                                JSON.readTree(response.body()); // the job parses every reply too
                            }
                            slots.release();
                        });
                sent++;
            }
        }
        slots.acquire(concurrency);
        double perSecond = count / ((System.nanoTime() - begin) / 1e9);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " raw requests failed");
        }
        return perSecond;
    }

    /** The real CLI in a JVM of its own, as an operator runs it; returns its exit code. */
    private int aibatch(
            List<String> launch,
            String baseUrl,
            Path input,
            Path output,
            Path gcLog,
            Path workDir,
            Path log,
            ProcessCpuWatch cpu)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-Xlog:gc:file=" + gcLog,
                "-Daibatch.chunk-size=" + chunk,
                "-Daibatch.backends.kaito.adaptive=false",
                "-Daibatch.backends.kaito.initial-concurrency=" + concurrency,
                "-Daibatch.backends.kaito.max-concurrency=" + concurrency));
        command.addAll(runJvmOptions);
        command.addAll(launch);
        command.addAll(List.of(
                "run",
                "openai-batch",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--llm-endpoint",
                baseUrl,
                "--partitions",
                String.valueOf(partitions),
                "--work-dir",
                workDir.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(3);
        // a process's CPU time can only be read while it runs: sampled until it exits (the last 250 ms are lost)
        while (!process.waitFor(250, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
            cpu.sample(process.toHandle());
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            throw new IllegalStateException("the openai-batch run did not end within 3 hours; see " + log);
        }
        return process.exitValue();
    }

    /** The CPU time of this JVM (the simulator, while the run goes on). */
    private static long ownCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file)) {
            return lines.count();
        }
    }

    /** The largest heap after a collection, from -Xlog:gc lines such as "Pause Young ... 120M->40M(512M) 3.2ms". */
    private static long maxHeapAfterGcMb(Path gcLog) throws IOException {
        long max = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_AFTER.matcher(line);
            if (m.find()) {
                max = Math.max(max, Long.parseLong(m.group(1)));
            }
        }
        return max;
    }
}
