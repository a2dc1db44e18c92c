package io.aibatch.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and docs/ say what to type; this test types it. Every fenced shell block that the line before its fence
 * marks {@code <!-- runnable -->} runs verbatim with bash ({@code -e -o pipefail}) from a directory laid out like the
 * repository (every top-level entry linked, so {@code out/} and {@code .aibatch/} land in a temporary directory), the
 * blocks of one page in order, in one directory. The block must exit 0, and every {@code # prints: TEXT} comment in it
 * must appear in its output.
 *
 * <p>{@code <!-- runnable: simulator -->} marks a block whose first line starts the simulator
 * ({@code java -jar simulator/target/aibatch-devtools.jar simulate --port P}), which a reader runs in a terminal of its
 * own: that line runs in the background until it prints {@code Simulator listening on}, then the rest of the block,
 * then the simulator is stopped.
 *
 * <p>It needs the packaged jars ({@code jobs/target/aibatch.jar}, {@code simulator/target/aibatch-devtools.jar}), so
 * Maven runs it after {@code package} (the {@code runnable-docs} execution in jobs/pom.xml), as a reader runs the
 * commands after the README's build. It also checks that every relative link of README.md and docs/ resolves, anchors
 * included.
 */
class RunnableDocsTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKER = Pattern.compile("<!--\\s*runnable(?::\\s*([a-z-]+))?\\s*-->");
    private static final Pattern PRINTS = Pattern.compile("#\\s*prints:\\s*(.+)$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern PORT = Pattern.compile("--port\\s+(\\d+)");
    private static final Duration BLOCK_TIMEOUT = Duration.ofMinutes(5);
    private static final Set<String> SECRETS = Set.of(
            "OPENAI_API_KEY",
            "AZURE_OPENAI_API_KEY",
            "KAITO_API_KEY",
            "AZURE_STORAGE_CONNECTION_STRING",
            "AZURE_COSMOS_ENDPOINT",
            "AZURE_COSMOS_KEY");
    private static final Set<String> NOT_LINKED = Set.of(".git", "out", ".aibatch", "target");

    @TempDir
    Path dir;

    /** The links {@link #repositoryLayout} made, into the repository: removed by {@link #removeRepositoryLinks}. */
    private final List<Path> links = new ArrayList<>();

    record Block(Path page, int line, String kind, String script) {
        List<String> expected() {
            return script.lines()
                    .map(l -> PRINTS.matcher(l))
                    .filter(Matcher::find)
                    .map(m -> m.group(1).strip())
                    .toList();
        }

        @Override
        public String toString() {
            return REPO.relativize(page) + ":" + line;
        }
    }

    @Test
    void everyRunnableBlockRunsAsWritten() throws Exception {
        assertThat(REPO.resolve("jobs/target/aibatch.jar"))
                .as("run after 'mvn package': the blocks use the packaged jars")
                .exists();
        assertThat(REPO.resolve("simulator/target/aibatch-devtools.jar")).exists();
        // -Drunnable.docs=README.md,kubernetes.md runs only those pages' blocks (while writing docs)
        String only = System.getProperty("runnable.docs", "");
        List<Path> pages = pages().stream()
                .filter(p -> only.isBlank()
                        || List.of(only.split(",")).contains(p.getFileName().toString()))
                .toList();
        int ran = 0;
        for (Path page : pages) {
            List<Block> blocks = runnableBlocks(page);
            if (blocks.isEmpty()) {
                continue;
            }
            Path root = repositoryLayout(dir.resolve(page.getFileName().toString()));
            for (Block block : blocks) {
                long start = System.nanoTime();
                run(block, root);
                System.out.printf(
                        Locale.ROOT,
                        "runnable docs: %s (%s) passed in %.1f s%n",
                        block,
                        block.kind(),
                        (System.nanoTime() - start) / 1e9);
                ran++;
            }
        }
        assertThat(ran)
                .as("runnable blocks found in README.md and docs/")
                .isGreaterThanOrEqualTo(only.isBlank() ? 5 : 1);
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            String text = withoutCode(Files.readString(page));
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http(s), mailto: not checked offline
                }
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path file =
                        path.isEmpty() ? page : page.getParent().resolve(path).normalize();
                if (!Files.exists(file)) {
                    broken.add(REPO.relativize(page) + ": " + target + " (no such file)");
                } else if (anchor != null
                        && file.toString().endsWith(".md")
                        && !anchors(file).contains(anchor)) {
                    broken.add(REPO.relativize(page) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).as("relative links in README.md and docs/").isEmpty();
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(Path markdown) throws IOException {
        return Files.readString(markdown)
                .replaceAll("(?s)```.*?```", "")
                .lines()
                .filter(l -> l.matches("^#{1,6} .*"))
                .map(l -> l.replaceFirst("^#+ ", "")
                        .strip()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}\\- _]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(REPO.resolve("README.md"));
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The fenced blocks whose fence follows a runnable marker, in page order. */
    static List<Block> runnableBlocks(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i).strip());
            if (!marker.matches()) {
                continue;
            }
            assertThat(lines.get(i + 1))
                    .as(page + ":" + (i + 1) + ": a runnable marker precedes a fence")
                    .startsWith("```");
            int end = i + 2;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            String kind = marker.group(1) == null ? "plain" : marker.group(1);
            assertThat(kind).as(page + ":" + (i + 1)).isIn("plain", "simulator");
            blocks.add(new Block(page, i + 3, kind, String.join("\n", lines.subList(i + 2, end)) + "\n"));
            i = end;
        }
        return blocks;
    }

    /** A directory that looks like the repository to a command run in it, while what it writes stays inside it. */
    private Path repositoryLayout(Path root) throws IOException {
        Files.createDirectories(root);
        try (Stream<Path> entries = Files.list(REPO)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!NOT_LINKED.contains(name)) {
                    links.add(Files.createSymbolicLink(root.resolve(name), entry));
                }
            }
        }
        return root;
    }

    /**
     * JUnit's {@code @TempDir} clean-up deletes a link that points outside the directory but logs a WARNING for each
     * one; these links are this test's own and expected, so it removes them first (the link, never what it points to).
     * A link a block made itself still reaches JUnit and is still reported.
     */
    @AfterEach
    void removeRepositoryLinks() throws IOException {
        for (Path link : links) {
            Files.deleteIfExists(link);
        }
    }

    private void run(Block block, Path root) throws Exception {
        String script = block.script();
        Process simulator = null;
        Path simulatorLog = root.resolve("simulator-" + block.line() + ".log");
        if (block.kind().equals("simulator")) {
            String first = script.lines().findFirst().orElseThrow();
            assertThat(first).as(block + ": first line").contains("aibatch-devtools.jar simulate");
            Matcher port = PORT.matcher(first);
            if (port.find()) {
                awaitFree(Integer.parseInt(port.group(1)), block);
            }
            simulator = bash(first, root, simulatorLog);
            awaitOutput(simulator, simulatorLog, "Simulator listening on", block);
            script = script.substring(script.indexOf('\n') + 1);
        }
        Path log = root.resolve("block-" + block.line() + ".log");
        try {
            Process process = bash(script, root, log);
            if (!process.waitFor(BLOCK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                destroyTree(process);
                throw new AssertionError(block + " did not finish in " + BLOCK_TIMEOUT + ":\n" + tail(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue())
                    .as(block + " exits 0:\n" + script + "\noutput:\n" + tail(log))
                    .isZero();
            for (String expected : block.expected()) {
                assertThat(output)
                        .as(block + " prints what it says:\n" + tail(log))
                        .contains(expected);
            }
        } finally {
            if (simulator != null) {
                destroyTree(simulator);
            }
        }
    }

    private static Process bash(String script, Path root, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the commands read only what a reader's shell gives them: not this build's settings, nor keys it may hold
        builder.environment().keySet().removeIf(k -> k.startsWith("AIBATCH_") || SECRETS.contains(k));
        return builder.start();
    }

    private static void awaitOutput(Process process, Path log, String text, Block block) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(block + ": the simulator ended:\n" + tail(log));
            }
            Thread.sleep(200);
        }
        destroyTree(process);
        throw new AssertionError(block + ": the simulator did not print '" + text + "' in 90 s:\n" + tail(log));
    }

    /** A port another test or tool may still hold for a moment: wait for it, then say what is in the way. */
    private static void awaitFree(int port, Block block) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (ServerSocket socket = new ServerSocket(port)) {
                return;
            } catch (IOException busy) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError(block + " starts the simulator on port " + port + ", which another process holds");
    }

    private static void destroyTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
