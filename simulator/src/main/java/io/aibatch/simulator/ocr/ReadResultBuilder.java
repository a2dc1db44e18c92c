package io.aibatch.simulator.ocr;

import io.aibatch.simulator.content.DocumentInfo;
import io.aibatch.simulator.http.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds Read 3.2 bodies: analyzeResults (version, modelVersion, readResults[page, angle, width, height, unit, lines]). */
public final class ReadResultBuilder {

    public static final String VERSION = "3.2.0";

    private ReadResultBuilder() {}

    public static ObjectNode analyzeResult(
            DocumentText text, DocumentInfo info, List<Integer> pages, String modelVersion, String language) {
        ObjectNode result = Json.object();
        result.put("version", VERSION);
        result.put("modelVersion", modelVersion);
        ArrayNode readResults = result.putArray("readResults");
        boolean pixels = "pixel".equals(info.unit());
        for (int page : pages) {
            ObjectNode rr = readResults.addObject();
            rr.put("page", page);
            if (language != null) {
                rr.put("language", language);
            }
            rr.put("angle", 0);
            if (pixels) {
                rr.put("width", (long) info.width());
                rr.put("height", (long) info.height());
            } else {
                rr.put("width", info.width());
                rr.put("height", info.height());
            }
            rr.put("unit", info.unit());
            ArrayNode lines = rr.putArray("lines");
            for (PageLayout.Line line : PageLayout.layout(text.lines(page), info.width(), info.height(), pixels)) {
                ObjectNode ln = lines.addObject();
                box(ln, line.box());
                ln.put("text", line.text());
                ObjectNode style = ln.putObject("appearance").putObject("style");
                style.put("name", "other");
                style.put("confidence", 0.972);
                ArrayNode words = ln.putArray("words");
                for (PageLayout.Word w : line.words()) {
                    ObjectNode wn = words.addObject();
                    box(wn, w.box());
                    wn.put("text", w.text());
                    wn.put("confidence", w.confidence());
                }
            }
        }
        return result;
    }

    /** ReadOperationResult: the GET analyzeResults body, and what syncAnalyze returns. */
    public static ObjectNode operationResult(Operation op) {
        ObjectNode n = Json.object();
        n.put("status", op.status().wire());
        n.put("createdDateTime", op.created().toString());
        n.put("lastUpdatedDateTime", op.lastUpdated().toString());
        if (op.status() == Operation.Status.SUCCEEDED) {
            n.set("analyzeResult", op.result());
        }
        return n;
    }

    private static void box(ObjectNode n, double[] box) {
        ArrayNode a = n.putArray("boundingBox");
        for (double v : box) {
            if (v == Math.rint(v)) {
                a.add((long) v);
            } else {
                a.add(v);
            }
        }
    }
}
