package io.aibatch.report.render;

import static io.aibatch.report.render.SvgChart.esc;

/**
 * A {@link Document} as one self-contained HTML file: inline CSS and inline SVG, no script, no web font, no image
 * or style sheet fetched from anywhere, so it opens offline and shows the same everywhere.
 */
public final class HtmlRenderer {

    private static final String CSS =
            """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
            h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
            .subtitle{color:#555;margin-top:0}
            table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
            svg{display:block;margin:12px 0;width:100%;max-width:100%;height:auto;font-family:inherit;break-inside:avoid;page-break-inside:avoid}
            p,li{font-size:14px;line-height:1.45;overflow-wrap:anywhere}
            td,th{overflow-wrap:anywhere}
            .wide{overflow-x:auto;max-width:100%}
            @media print{body{margin:0;max-width:none;padding:0}.wide{overflow:visible}h2{break-after:avoid}table{font-size:10px}th,td{padding:2px 4px}}
            @page{size:A4;margin:12mm}
            """;

    private HtmlRenderer() {}

    public static String render(Document document) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>");
        html.append("<meta name='viewport' content='width=device-width, initial-scale=1'>");
        html.append("<title>")
                .append(esc(document.title()))
                .append("</title><style>")
                .append(CSS)
                .append("</style></head><body>\n");
        html.append("<h1>").append(esc(document.title())).append("</h1>\n");
        if (document.subtitle() != null) {
            html.append("<p class='subtitle'>").append(esc(document.subtitle())).append("</p>\n");
        }
        for (Document.Section section : document.sections()) {
            html.append("<section><h2>").append(esc(section.title())).append("</h2>\n");
            for (Document.Block block : section.blocks()) {
                if (block instanceof Document.Paragraph p) {
                    html.append("<p>").append(esc(p.text())).append("</p>\n");
                } else if (block instanceof Document.Bullets b) {
                    {
                        html.append("<ul>");
                        b.items()
                                .forEach(item ->
                                        html.append("<li>").append(esc(item)).append("</li>"));
                        html.append("</ul>\n");
                    }
                } else if (block instanceof Document.Table t) {
                    {
                        html.append("<div class='wide'><table>");
                        if (t.headers().stream().anyMatch(h -> !h.isBlank())) {
                            html.append("<thead><tr>");
                            t.headers()
                                    .forEach(h ->
                                            html.append("<th>").append(esc(h)).append("</th>"));
                            html.append("</tr></thead>");
                        }
                        html.append("<tbody>");
                        for (var row : t.rows()) {
                            html.append("<tr>");
                            for (String cell : row) {
                                html.append(numeric(cell) ? "<td class='n'>" : "<td>")
                                        .append(esc(cell))
                                        .append("</td>");
                            }
                            html.append("</tr>");
                        }
                        html.append("</tbody></table></div>\n");
                    }
                } else if (block instanceof Document.Chart c) {
                    html.append(c.svg()).append('\n');
                }
            }
            html.append("</section>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static boolean numeric(String cell) {
        return cell != null && cell.matches("[-$]*[0-9][0-9,.]*( ?(ms|s|%|/s))?");
    }
}
