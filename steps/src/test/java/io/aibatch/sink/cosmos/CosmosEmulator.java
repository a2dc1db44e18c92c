package io.aibatch.sink.cosmos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Cosmos DB emulator for tests: {@code tools/emulators/cosmos/server.js} (@vercel/cosmosdb-server with a
 * query-plan shim) on a free port. Its TLS certificate is self-signed and expired: the SDK accepts it for
 * 127.0.0.1 only when {@code COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED} is set, which {@link #start()} does.
 */
public final class CosmosEmulator implements AutoCloseable {

    /** The emulator's well-known key; the server does not check it, the SDK needs one. */
    public static final String KEY =
            "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private static final Pattern READY = Pattern.compile("listening on (https://\\S+)");
    private static final Pattern RETRIED = Pattern.compile("^retried (\\S+) after (\\d+) ms");

    /** An operation of a throttled bulk request that was sent again, and how long after its 429. */
    public record Retry(String id, long waitedMillis) {}

    private final Process process;
    private final String endpoint;
    private final List<String> throttled = new CopyOnWriteArrayList<>();
    private final List<Retry> retries = new CopyOnWriteArrayList<>();

    private CosmosEmulator(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static CosmosEmulator start() throws IOException, InterruptedException {
        return start(List.of());
    }

    /**
     * Starts an emulator that answers every {@code every}-th bulk request with 429 and {@code x-ms-retry-after-ms},
     * as Cosmos DB does over a container's throughput.
     */
    public static CosmosEmulator startThrottling(int every, int retryAfterMillis)
            throws IOException, InterruptedException {
        return start(List.of(
                "--throttle-every", String.valueOf(every), "--retry-after-ms", String.valueOf(retryAfterMillis)));
    }

    /**
     * Starts an emulator that answers each bulk operation's first {@code times} attempts with a per-operation 429 and
     * {@code retryAfterMilliseconds}: more than the SDK retries on its own when {@code times} exceeds its budget.
     */
    public static CosmosEmulator startThrottlingOperations(int times, int retryAfterMillis)
            throws IOException, InterruptedException {
        return start(List.of(
                "--throttle-operations", String.valueOf(times), "--retry-after-ms", String.valueOf(retryAfterMillis)));
    }

    private static CosmosEmulator start(List<String> options) throws IOException, InterruptedException {
        System.setProperty("COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED", "true");
        Path dir = locate();
        if (!Files.isDirectory(dir.resolve("node_modules/@vercel/cosmosdb-server"))) {
            throw new IllegalStateException(
                    "the Cosmos DB emulator is not installed: run 'npm ci' in " + dir + " (.ci/run does)");
        }
        List<String> command = new ArrayList<>(List.of("node", "server.js", "0"));
        command.addAll(options);
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String endpoint = ready.get(30, TimeUnit.SECONDS);
            if (endpoint == null) {
                throw new IllegalStateException("the Cosmos DB emulator in " + dir + " exited before it was ready");
            }
            CosmosEmulator emulator = new CosmosEmulator(process, endpoint);
            // keep draining its output so that it never blocks on a full pipe; note what it throttled
            Thread drain = new Thread(
                    () -> {
                        try {
                            for (String line; (line = out.readLine()) != null; ) {
                                emulator.record(line);
                            }
                        } catch (IOException ignored) {
                            // the process ended
                        }
                    },
                    "cosmos-emulator-output");
            drain.setDaemon(true);
            drain.start();
            return emulator;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the Cosmos DB emulator did not start: " + e, e);
        }
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/emulators/cosmos");
            if (Files.exists(candidate.resolve("server.js"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("tools/emulators/cosmos/server.js not found above "
                + Path.of("").toAbsolutePath());
    }

    private void record(String line) {
        if (line.startsWith("throttled ")) {
            throttled.addAll(
                    List.of(line.substring("throttled ".length()).trim().split(" ")));
        }
        Matcher retried = RETRIED.matcher(line);
        if (retried.find()) {
            retries.add(new Retry(retried.group(1), Long.parseLong(retried.group(2))));
        }
    }

    public String endpoint() {
        return endpoint;
    }

    /** Ids of the operations in bulk requests answered with 429 so far (once per 429). */
    public List<String> throttled() {
        return List.copyOf(throttled);
    }

    /** The throttled operations that were sent again so far. */
    public List<Retry> retries() {
        return List.copyOf(retries);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
