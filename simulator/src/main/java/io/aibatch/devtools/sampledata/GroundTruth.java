package io.aibatch.devtools.sampledata;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of a document as rendered: one line per drawn line, in reading order, pages separated
 * by a line holding only a form feed. Vertical space between paragraphs is not written, because
 * no ink marks it; compare OCR output with blank lines removed and runs of spaces collapsed.
 */
final class GroundTruth {

    static final String PAGE_SEPARATOR = "\f";

    private GroundTruth() {}

    static String text(List<PageLayout.Page> pages) {
        return pages.stream()
                .map(page ->
                        page.lines().stream().map(PageLayout.TextLine::text).collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n" + PAGE_SEPARATOR + "\n", "", "\n"));
    }

    /** Words as OCR would count them: runs of non-space characters, form feeds excluded. */
    static int wordCount(String text) {
        String trimmed = text.replace(PAGE_SEPARATOR, " ").trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
