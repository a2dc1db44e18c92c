package io.aibatch.report.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as headings, paragraphs, tables and charts, so that the Markdown and the HTML file say exactly the same
 * (Markdown leaves the charts out and keeps their data in the tables).
 */
public final class Document {

    public sealed interface Block permits Paragraph, Table, Chart, Bullets {}

    public record Paragraph(String text) implements Block {}

    public record Table(List<String> headers, List<List<String>> rows) implements Block {}

    /** @param svg an inline SVG element made by {@link SvgChart} */
    public record Chart(String svg) implements Block {}

    public record Bullets(List<String> items) implements Block {}

    public record Section(String title, List<Block> blocks) {}

    private final String title;
    private final String subtitle;
    private final List<Section> sections = new ArrayList<>();

    public Document(String title, String subtitle) {
        this.title = title;
        this.subtitle = subtitle;
    }

    public String title() {
        return title;
    }

    public String subtitle() {
        return subtitle;
    }

    public List<Section> sections() {
        return sections;
    }

    public Section section(String title) {
        Section section = new Section(title, new ArrayList<>());
        sections.add(section);
        return section;
    }

    public static Table table(List<String> headers) {
        return new Table(headers, new ArrayList<>());
    }
}
