package io.aibatch.simulator.ocr;

import io.aibatch.simulator.content.DocumentInfo;
import io.aibatch.simulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds Document Intelligence 2023-07-31 AnalyzeResult bodies. {@code content} is every selected page's lines
 * joined by newlines; words, lines, pages and paragraphs point into it with spans in the requested
 * stringIndexType. Paragraphs are runs of lines broken at blank lines of the ground truth (synthetic text: after
 * a sentence end once a paragraph has five lines). prebuilt-layout adds {@code tables} (always empty: the
 * simulator does not detect tables).
 */
public final class DocIntelResultBuilder {

    public static final String API_VERSION = "2023-07-31";

    private DocIntelResultBuilder() {}

    private record Para(int page, int start, int end, List<double[]> boxes) {}

    public static ObjectNode analyzeResult(
            String modelId, String stringIndexType, DocumentText text, DocumentInfo info, List<Integer> pages) {
        boolean pixels = "pixel".equals(info.unit());
        // 1. content and UTF-16 positions of every line
        StringBuilder content = new StringBuilder();
        List<List<PageLayout.Line>> laidOut = new ArrayList<>();
        List<int[]> lineStarts = new ArrayList<>();
        List<int[]> pageRanges = new ArrayList<>();
        for (int page : pages) {
            if (content.length() > 0) {
                content.append('\n');
            }
            int pageStart = content.length();
            List<PageLayout.Line> lines = PageLayout.layout(text.lines(page), info.width(), info.height(), pixels);
            int[] starts = new int[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    content.append('\n');
                }
                starts[i] = content.length();
                content.append(lines.get(i).text());
            }
            laidOut.add(lines);
            lineStarts.add(starts);
            pageRanges.add(new int[] {pageStart, content.length()});
        }
        String all = content.toString();
        StringIndex index = StringIndex.of(all, stringIndexType);

        ObjectNode result = Json.object();
        result.put("apiVersion", API_VERSION);
        result.put("modelId", modelId);
        result.put("stringIndexType", stringIndexType);
        result.put("content", all);
        ArrayNode pagesNode = result.putArray("pages");
        List<Para> paragraphs = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            int pageNumber = pages.get(p);
            List<PageLayout.Line> lines = laidOut.get(p);
            int[] starts = lineStarts.get(p);
            ObjectNode pn = pagesNode.addObject();
            pn.put("pageNumber", pageNumber);
            pn.put("angle", 0);
            pn.put("width", info.width());
            pn.put("height", info.height());
            pn.put("unit", info.unit());
            span(
                    pn.putArray("spans").addObject(),
                    index,
                    pageRanges.get(p)[0],
                    pageRanges.get(p)[1]);
            ArrayNode words = pn.putArray("words");
            ArrayNode linesNode = pn.putArray("lines");
            for (int i = 0; i < lines.size(); i++) {
                PageLayout.Line line = lines.get(i);
                int col = 0;
                String[] tokens = line.text().split(" ", -1);
                int w = 0;
                for (String token : tokens) {
                    if (!token.isEmpty()) {
                        PageLayout.Word word = line.words().get(w++);
                        ObjectNode wn = words.addObject();
                        wn.put("content", word.text());
                        polygon(wn.putArray("polygon"), word.box());
                        span(wn.putObject("span"), index, starts[i] + col, starts[i] + col + token.length());
                        wn.put("confidence", word.confidence());
                    }
                    col += token.length() + 1;
                }
                ObjectNode ln = linesNode.addObject();
                ln.put("content", line.text());
                polygon(ln.putArray("polygon"), line.box());
                span(
                        ln.putArray("spans").addObject(),
                        index,
                        starts[i],
                        starts[i] + line.text().length());
            }
            paragraphs.addAll(paragraphsOf(pageNumber, text.pages().get(pageNumber - 1), lines, starts));
        }
        ArrayNode paras = result.putArray("paragraphs");
        for (Para para : paragraphs) {
            ObjectNode pn = paras.addObject();
            pn.put("content", all.substring(para.start(), para.end()));
            ObjectNode region = pn.putArray("boundingRegions").addObject();
            region.put("pageNumber", para.page());
            polygon(region.putArray("polygon"), union(para.boxes()));
            span(pn.putArray("spans").addObject(), index, para.start(), para.end());
        }
        if (modelId.equals("prebuilt-layout")) {
            result.putArray("tables");
        }
        result.putArray("styles");
        return result;
    }

    /** Paragraph breaks: blank lines in the raw page text, or a sentence end once five lines have gathered. */
    private static List<Para> paragraphsOf(int page, List<String> rawLines, List<PageLayout.Line> lines, int[] starts) {
        List<Para> out = new ArrayList<>();
        int li = 0;
        int first = -1;
        List<double[]> boxes = new ArrayList<>();
        for (String raw : rawLines) {
            boolean blank = raw.isEmpty();
            if (!blank) {
                if (first < 0) {
                    first = li;
                }
                boxes.add(lines.get(li).box());
                li++;
            }
            boolean sentenceBreak = !blank && li - first >= 5 && raw.matches(".*[.!?:]$");
            if ((blank || sentenceBreak) && first >= 0) {
                out.add(new Para(
                        page,
                        starts[first],
                        starts[li - 1] + lines.get(li - 1).text().length(),
                        boxes));
                first = -1;
                boxes = new ArrayList<>();
            }
        }
        if (first >= 0) {
            out.add(new Para(
                    page,
                    starts[first],
                    starts[li - 1] + lines.get(li - 1).text().length(),
                    boxes));
        }
        return out;
    }

    private static double[] union(List<double[]> boxes) {
        double l = Double.MAX_VALUE, t = Double.MAX_VALUE, r = 0, b = 0;
        for (double[] x : boxes) {
            l = Math.min(l, x[0]);
            t = Math.min(t, x[1]);
            r = Math.max(r, x[2]);
            b = Math.max(b, x[5]);
        }
        return new double[] {l, t, r, t, r, b, l, b};
    }

    private static void span(ObjectNode n, StringIndex index, int start, int end) {
        n.put("offset", index.offset(start));
        n.put("length", index.length(start, end));
    }

    private static void polygon(ArrayNode a, double[] box) {
        for (double v : box) {
            a.add(v);
        }
    }

    public static ObjectNode operation(Operation op) {
        ObjectNode n = Json.object();
        n.put("status", op.status().wire());
        n.put("createdDateTime", op.created().toString());
        n.put("lastUpdatedDateTime", op.lastUpdated().toString());
        if (op.status() == Operation.Status.SUCCEEDED) {
            n.set("analyzeResult", op.result());
        } else if (op.status() == Operation.Status.FAILED) {
            ObjectNode err = n.putObject("error");
            err.put("code", "InternalServerError");
            err.put("message", "An unexpected error occurred.");
        }
        return n;
    }
}
