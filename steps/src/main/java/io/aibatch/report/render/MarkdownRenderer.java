package io.aibatch.report.render;

/** A {@link Document} as GitHub-flavoured Markdown (charts are left out: their numbers are in the tables). */
public final class MarkdownRenderer {

    private MarkdownRenderer() {}

    public static String render(Document document) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(document.title()).append("\n\n");
        if (document.subtitle() != null) {
            md.append(document.subtitle()).append("\n\n");
        }
        for (Document.Section section : document.sections()) {
            md.append("## ").append(section.title()).append("\n\n");
            for (Document.Block block : section.blocks()) {
                if (block instanceof Document.Paragraph p) {
                    md.append(p.text()).append("\n\n");
                } else if (block instanceof Document.Bullets b) {
                    b.items().forEach(item -> md.append("- ").append(item).append('\n'));
                    md.append('\n');
                } else if (block instanceof Document.Table t) {
                    {
                        md.append("| ")
                                .append(String.join(
                                        " | ",
                                        t.headers().stream()
                                                .map(MarkdownRenderer::cell)
                                                .toList()))
                                .append(" |\n");
                        md.append("|").append("---|".repeat(t.headers().size())).append('\n');
                        for (var row : t.rows()) {
                            md.append("| ")
                                    .append(String.join(
                                            " | ",
                                            row.stream()
                                                    .map(MarkdownRenderer::cell)
                                                    .toList()))
                                    .append(" |\n");
                        }
                        md.append('\n');
                    }
                }
                // charts: the HTML report draws them
            }
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
