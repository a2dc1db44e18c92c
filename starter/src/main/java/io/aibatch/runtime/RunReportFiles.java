package io.aibatch.runtime;

import io.aibatch.json.Json;
import io.aibatch.report.RunReport;
import io.aibatch.report.render.Document;
import io.aibatch.report.render.HtmlRenderer;
import io.aibatch.report.render.MarkdownRenderer;
import io.aibatch.report.render.RunReportDocument;
import io.aibatch.store.OutputStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The three forms of a run's report: report.json (the contract), report.md and report.html (for people). */
public final class RunReportFiles {

    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";

    private RunReportFiles() {}

    public static void write(OutputStore store, RunReport report) throws IOException {
        store.write(JSON, Json.PRETTY.writeValueAsBytes(report));
        Document document = RunReportDocument.of(report);
        store.write(MARKDOWN, MarkdownRenderer.render(document).getBytes(StandardCharsets.UTF_8));
        store.write(HTML, HtmlRenderer.render(document).getBytes(StandardCharsets.UTF_8));
    }
}
