package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Debian's chromium, headless, offline: renders an HTML file and returns the DOM it built (and a screenshot). */
final class HeadlessBrowser {

    /** What a self-contained page must not have: anything fetched from elsewhere. */
    static final Pattern EXTERNAL = Pattern.compile(
            "(?i)(\\b(src|href|xlink:href|action|poster|data)\\s*=\\s*['\"]?\\s*(https?:)?//)|@import|url\\(\\s*['\"]?\\s*(https?:)?//|<script|<link\\b|<iframe|<object|<embed");

    private HeadlessBrowser() {}

    static String binary() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError(
                "no headless browser: install Debian's chromium (apt-get install -y chromium), as .ci/run does");
    }

    /** The DOM chromium built from {@code html}; a screenshot goes next to it as {@code <name>.png}. */
    static String render(Path html, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        List<String> common = List.of(
                binary(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        Path dom = workDir.resolve("dom.html");
        run(concat(common, "--dump-dom", html.toUri().toString()), dom, workDir);
        Path screenshot = html.resolveSibling(html.getFileName() + ".png");
        run(
                concat(
                        common,
                        "--screenshot=" + screenshot,
                        "--window-size=1200,3000",
                        "--hide-scrollbars",
                        html.toUri().toString()),
                workDir.resolve("screenshot.log"),
                workDir);
        assertThat(screenshot).as("chromium's screenshot of " + html).exists();
        assertThat(Files.size(screenshot)).as("screenshot size").isGreaterThan(20_000);
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    private static void run(List<String> command, Path output, Path workDir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(output.toFile())
                .redirectError(workDir.resolve("chromium.err").toFile())
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + command);
        }
        assertThat(process.exitValue())
                .as("chromium exit code; stderr: " + Files.readString(workDir.resolve("chromium.err")))
                .isZero();
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /**
     * Lays {@code html} out at {@code width} CSS pixels in chromium and returns what does not fit: the page scrolling
     * sideways, text or tables wider than their box, chart text outside its chart, charts without an accessible title
     * ({@code <title>} and {@code aria-label}). Empty when all is well. The check runs as a script in a copy of the page
     * (the report itself has no script).
     */
    static List<String> layoutProblems(Path html, Path workDir, int width) throws IOException, InterruptedException {
        String script =
                """
                <script>
                window.addEventListener('load', () => {
                  const out = [];
                  const W = document.documentElement.clientWidth;
                  if (document.documentElement.scrollWidth > W) out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + W);
                  for (const el of document.body.querySelectorAll('h1,h2,p,li,th,td,div.wide')) {
                    const r = el.getBoundingClientRect();
                    const text = (el.textContent || '').trim().slice(0, 60);
                    if (r.right > W + 1) out.push(el.tagName + ' ends at ' + Math.round(r.right) + ' px: ' + text);
                    if (el.scrollWidth > el.clientWidth + 1) out.push(el.tagName + ' overflows its box (' + el.scrollWidth + ' > ' + el.clientWidth + '): ' + text);
                  }
                  for (const svg of document.querySelectorAll('svg')) {
                    const box = svg.getBoundingClientRect();
                    const title = svg.querySelector(':scope > title');
                    const name = svg.getAttribute('aria-label');
                    if (!title || !title.textContent.trim() || !name || !name.trim()) out.push('a chart without an accessible title');
                    if (box.right > W + 1) out.push('chart ' + name + ' ends at ' + Math.round(box.right) + ' px');
                    for (const t of svg.querySelectorAll('text')) {
                      const r = t.getBoundingClientRect();
                      if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)) out.push('text outside chart ' + name + ': ' + t.textContent);
                    }
                  }
                  const pre = document.createElement('pre');
                  pre.id = 'layout-check';
                  pre.textContent = JSON.stringify(out);
                  document.body.appendChild(pre);
                });
                </script>""";
        Path probe = workDir.resolve("layout-" + html.getFileName());
        Files.writeString(
                probe,
                Files.readString(html, StandardCharsets.UTF_8).replace("</body>", script + "</body>"),
                StandardCharsets.UTF_8);
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path dom = workDir.resolve("layout-dom.html");
        run(
                List.of(
                        binary(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--hide-scrollbars",
                        "--user-data-dir=" + profile,
                        "--window-size=" + width + ",1000",
                        "--virtual-time-budget=5000",
                        "--dump-dom",
                        probe.toUri().toString()),
                dom,
                workDir);
        java.util.regex.Matcher result = Pattern.compile("<pre id=\"layout-check\">(.*?)</pre>", Pattern.DOTALL)
                .matcher(Files.readString(dom, StandardCharsets.UTF_8));
        assertThat(result.find()).as("the layout check ran in chromium").isTrue();
        tools.jackson.databind.JsonNode problems = io.aibatch.json.Json.MAPPER.readTree(result.group(1)
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"));
        List<String> list = new java.util.ArrayList<>();
        problems.forEach(p -> list.add(p.asString()));
        return list;
    }

    /** Prints {@code html} to a PDF as chromium does (the page's own @page size), without header and footer. */
    static Path printToPdf(Path html, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path pdf = workDir.resolve(html.getFileName() + ".pdf");
        run(
                List.of(
                        binary(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--user-data-dir=" + profile,
                        "--no-pdf-header-footer",
                        "--print-to-pdf=" + pdf,
                        html.toUri().toString()),
                workDir.resolve("print.log"),
                workDir);
        assertThat(pdf).as("chromium's PDF of " + html).exists();
        return pdf;
    }
}
