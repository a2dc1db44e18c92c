package io.aibatch.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's chromium, headless, offline: renders an HTML file and returns the DOM it built (and a screenshot). */
final class HeadlessBrowser {

    /** What a self-contained page must not have: anything fetched from elsewhere. */
    static final Pattern EXTERNAL = Pattern.compile(
            "(?i)(\\b(src|href|xlink:href|action|poster|data)\\s*=\\s*['\"]?\\s*(https?:)?//)|@import|url\\(\\s*['\"]?\\s*(https?:)?//|<script|<link\\b|<iframe|<object|<embed");

    private HeadlessBrowser() {
    }

    static String binary() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("no headless browser: install Debian's chromium (apt-get install -y chromium), as .ci/run does");
    }

    /** The DOM chromium built from {@code html}; a screenshot goes next to it as {@code <name>.png}. */
    static String render(Path html, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        List<String> common = List.of(binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        Path dom = workDir.resolve("dom.html");
        run(concat(common, "--dump-dom", html.toUri().toString()), dom, workDir);
        Path screenshot = html.resolveSibling(html.getFileName() + ".png");
        run(concat(common, "--screenshot=" + screenshot, "--window-size=1200,3000", "--hide-scrollbars", html.toUri().toString()),
                workDir.resolve("screenshot.log"), workDir);
        assertThat(screenshot).as("chromium's screenshot of " + html).exists();
        assertThat(Files.size(screenshot)).as("screenshot size").isGreaterThan(20_000);
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    private static void run(List<String> command, Path output, Path workDir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(output.toFile()).redirectError(workDir.resolve("chromium.err").toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + command);
        }
        assertThat(process.exitValue()).as("chromium exit code; stderr: " + Files.readString(workDir.resolve("chromium.err"))).isZero();
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
