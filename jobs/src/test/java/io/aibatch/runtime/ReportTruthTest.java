package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aibatch.cli.AibatchCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The demo run's report tells the truth: with no node pool configured (the shipped default) it claims no cost and no
 * savings, every embedded engine is timed, dead-letters are broken down by code, and the HTML fits a 1280 px window
 * and prints on A4 without cutting a chart (real chromium, real PDF read back with PDFBox).
 */
class ReportTruthTest {

    @TempDir
    Path dir;

    @Test
    void theDemoRunReportsUnknownCostTimesEmbeddedEnginesAndBreaksDownDeadLetters() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Map<String, Integer> perCategory = new HashMap<>();
        for (Path file : SampleData.files(SampleData.DOCUMENTS)) {
            String name = file.getFileName().toString();
            // one scan per category, and two PDFs with a text layer
            if (perCategory.merge(name.substring(0, name.lastIndexOf('-')), 1, Integer::sum) <= 1
                    || name.equals("letter-02.pdf")
                    || name.equals("invoice-04.pdf")) {
                Files.copy(file, input.resolve(name));
            }
        }
        for (String bad : List.of("empty.pdf", "not-a-pdf.pdf", "corrupt.pdf", "huge-image.png", "unsupported.docx")) {
            Files.copy(SampleData.BAD.resolve(bad), input.resolve(bad));
        }
        Path output = dir.resolve("out");
        AibatchCommand.execute(
                "run",
                "document-pipeline",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--partitions",
                "2",
                "--work-dir",
                dir.resolve("wd").toString());
        JsonNode report = RunOutput.read(output).report();
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");

        // 2. no pool configured: unknown, not zero, and no savings claimed
        JsonNode cost = report.get("cost");
        for (String field : List.of("total", "perThousandItems", "savings", "savingsPercent", "breakEven")) {
            assertThat(cost.has(field)).as("cost." + field + " present").isTrue();
            assertThat(cost.get(field).isNull())
                    .as("cost." + field + " is null")
                    .isTrue();
        }
        assertThat(cost.at("/cluster/total").isNull()).isTrue();
        assertThat(cost.at("/cloudEquivalent/total").asDouble()).isPositive();
        String markdown = Files.readString(output.resolve("report.md"));
        assertThat(markdown)
                .contains("cluster cost not configured: set aibatch.cost.pools or sampling")
                .doesNotContain("saved", "Cost $0.00");

        // 4. every embedded engine is timed like a backend
        JsonNode backends = report.get("backends");
        List<String> names = new ArrayList<>();
        backends.propertyNames().forEach(names::add);
        assertThat(names)
                .contains(
                        "embedded/pdf-text-layer",
                        "embedded/all-minilm-l6-v2-q/zero-shot",
                        "embedded/all-minilm-l6-v2-q/extractive")
                .anyMatch(name -> name.startsWith("embedded/tesseract-"));
        long written = report.at("/items/written").asLong();
        for (String name : names) {
            JsonNode b = backends.get(name);
            assertThat(b.get("calls").asLong()).as(name + " calls").isPositive();
            assertThat(b.at("/latencyMs/p50").asDouble()).as(name + " p50").isPositive();
            assertThat(b.at("/latencyMs/p99").asDouble())
                    .as(name + " p99")
                    .isGreaterThanOrEqualTo(b.at("/latencyMs/p95").asDouble());
            assertThat(b.get("busyShare").asDouble()).as(name + " busy share").isPositive();
        }
        assertThat(backends.at("/embedded~1all-minilm-l6-v2-q~1zero-shot/successes")
                        .asLong())
                .isEqualTo(written);
        assertThat(markdown).contains("## Backends", "embedded/pdf-text-layer");

        // 5. dead-letters by code, counts adding up, one example each
        JsonNode byCode = report.at("/deadLetters/byCode");
        long dead = 0;
        for (var entry : byCode.properties()) {
            dead += entry.getValue().get("count").asLong();
            assertThat(entry.getValue().get("example").asString()).isNotBlank();
        }
        assertThat(dead).isEqualTo(report.at("/items/deadLettered").asLong()).isEqualTo(5);
        assertThat(markdown).contains("## Dead-letters by code");

        // 3. warm-up and steady state
        JsonNode steady = report.get("steadyState");
        assertThat(steady.get("warmUp").asString()).isEqualTo("until the first committed item");
        assertThat(steady.get("warmUpItems").asLong() + steady.get("items").asLong())
                .isEqualTo(report.at("/items/read").asLong());
        assertThat(markdown).contains("items per second (steady state, after warm-up)", "| warm-up |");
        assertThat(report.at("/startTime").asString()).isNotBlank();
        assertThat(markdown).doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d"); // timestamps at second precision

        // 9. in a real browser: fits 1280 px, every chart has an accessible title, prints on A4 without cutting a chart
        Path html = output.resolve("report.html");
        String source = Files.readString(html);
        assertThat(HeadlessBrowser.EXTERNAL.matcher(source).find()).isFalse();
        Path browser = Files.createDirectories(dir.resolve("browser"));
        assertThat(HeadlessBrowser.layoutProblems(html, browser, 1280)).isEmpty();
        assertPrintsOnA4WithoutCutCharts(html, source, browser);
    }

    static void assertPrintsOnA4WithoutCutCharts(Path html, String source, Path workDir) throws Exception {
        Path pdf = HeadlessBrowser.printToPdf(html, workDir);
        List<String> pages = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            assertThat(document.getNumberOfPages()).isBetween(2, 30);
            for (PDPage page : document.getPages()) {
                assertThat(page.getMediaBox().getWidth())
                        .as("A4 width in points")
                        .isCloseTo(595.3f, within(2f));
                assertThat(page.getMediaBox().getHeight())
                        .as("A4 height in points")
                        .isCloseTo(841.9f, within(2f));
            }
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 1; i <= document.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(stripper.getText(document).replaceAll("\\s+", " "));
            }
        }
        assertThat(String.join(" ", pages)).contains("Summary", "Throughput", "Cost");
        // a chart is whole on one page: its title and its last label are printed on the same page
        Matcher charts = Pattern.compile("<svg[^>]*aria-label='([^']*)'.*?</svg>", Pattern.DOTALL)
                .matcher(source);
        int checked = 0;
        while (charts.find()) {
            String title = unescape(charts.group(1));
            List<String> texts = new ArrayList<>();
            Matcher text = Pattern.compile("<text[^>]*>([^<]+)</text>").matcher(charts.group());
            while (text.find()) {
                texts.add(unescape(text.group(1)));
            }
            String last = texts.get(texts.size() - 1);
            int titlePage = -1;
            for (int i = 0; i < pages.size(); i++) {
                if (pages.get(i).contains(title)) {
                    titlePage = i;
                }
            }
            assertThat(titlePage).as("chart '" + title + "' printed").isNotNegative();
            assertThat(pages.get(titlePage))
                    .as("chart '" + title + "' whole on page " + (titlePage + 1))
                    .contains(last);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
                .strip();
    }
}
