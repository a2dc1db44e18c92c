package io.aibatch.blob;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceAsyncClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azurite's blob service (npm azurite, installed by {@code npm ci} in tools/emulators), started once per test JVM
 * on a free port with in-memory storage and stopped when the JVM exits. Each test takes its own container.
 * Starting it also points {@link BlobClients} at it (system property), so code under test that builds its own
 * clients from URLs reaches it with the well-known development key.
 */
public final class Azurite {

    public static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's documented, public development key: not a secret. */
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static Azurite shared;
    private static final AtomicInteger containers = new AtomicInteger();

    private final Process process;
    private final int port;
    private final BlobServiceClient client;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = new BlobServiceClientBuilder()
                .connectionString(connectionString())
                .buildClient();
    }

    public static synchronized Azurite shared() {
        if (shared == null) {
            shared = start();
            System.setProperty(BlobClients.CONNECTION_STRING_PROPERTY, shared.connectionString());
            Azurite started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "azurite-stop"));
        }
        return shared;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint="
                + endpoint() + ";";
    }

    public BlobServiceClient client() {
        return client;
    }

    /** An async client, for uploading many blobs concurrently in test set-up. */
    public BlobServiceAsyncClient asyncClient() {
        return new BlobServiceClientBuilder()
                .connectionString(connectionString())
                .buildAsyncClient();
    }

    /** A new, empty container with a unique name. */
    public BlobContainerClient newContainer(String hint) {
        String name = (hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-" + containers.incrementAndGet()
                        + "-" + Long.toHexString(System.nanoTime()))
                .replaceAll("^-+", "");
        BlobContainerClient container =
                client.getBlobContainerClient(name.length() > 63 ? name.substring(name.length() - 63) : name);
        container.create();
        return container;
    }

    /** The URL of a virtual directory in a container, as given to --input / --output. */
    public String url(BlobContainerClient container, String prefix) {
        return endpoint() + "/" + container.getBlobContainerName() + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    private static Azurite start() {
        Path executable = findExecutable();
        try {
            Path log = Files.createTempFile("azurite-", ".log");
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                Process process = new ProcessBuilder(List.of(
                                executable.toString(),
                                "--blobHost",
                                "127.0.0.1",
                                "--blobPort",
                                String.valueOf(port),
                                "--inMemoryPersistence",
                                "--skipApiVersionCheck",
                                "--loose",
                                "--silent",
                                // Azurite collects usage telemetry by default and sends it out: tests talk to 127.0.0.1
                                // only
                                "--disableTelemetry"))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (awaitListening(process, port, Duration.ofSeconds(30))) {
                    return new Azurite(process, port);
                }
                process.destroy();
                if (attempt == 3) {
                    throw new IllegalStateException("Azurite did not start listening on 127.0.0.1:" + port
                            + "; its output: " + Files.readString(log));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not start Azurite (" + executable + ")", e);
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitListening(Process process, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** tools/emulators/node_modules/.bin/azurite-blob in this repository, found from the module directory upwards. */
    private static Path findExecutable() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/emulators/node_modules/.bin/azurite-blob");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
            if (Files.isDirectory(dir.resolve("tools/emulators"))) {
                break;
            }
        }
        throw new IllegalStateException("Azurite is not installed: run 'npm ci' in tools/emulators (.ci/run does this)"
                + " before running the tests");
    }
}
