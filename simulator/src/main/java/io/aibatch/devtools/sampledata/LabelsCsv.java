package io.aibatch.devtools.sampledata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** ground-truth/labels.csv: one row per document, what a classifier and a router should conclude. */
final class LabelsCsv {

    static final String HEADER =
            "file,category,restricted,restricted_reason,format,pages,font,skew_degrees,has_text_layer";

    private LabelsCsv() {}

    static void write(List<GeneratedDocument> documents, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        documents.forEach(document -> lines.add(row(document)));
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    static String row(GeneratedDocument document) {
        DocumentPlan plan = document.plan();
        // No field can hold a comma or a quote (labels, DejaVu family names, numbers), so no quoting.
        return String.join(
                ",",
                document.file(),
                plan.category().label(),
                document.restricted() ? "yes" : "no",
                document.restrictedReason(),
                plan.format().label(),
                String.valueOf(document.pages()),
                plan.fontFamily(),
                String.format(Locale.ROOT, "%.2f", plan.skewDegrees()),
                plan.format().hasTextLayer() ? "yes" : "no");
    }
}
