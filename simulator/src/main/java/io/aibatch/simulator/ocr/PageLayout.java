package io.aibatch.simulator.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * Places a page's lines on the page: top to bottom inside margins, words left to right in proportion to their
 * length. Boxes are quadrilaterals (x1,y1 … x4,y4, clockwise from top-left) as both Azure APIs return them.
 * Confidence is a deterministic function of the word and its position, between 0.90 and 0.999.
 */
public final class PageLayout {

    public record Word(String text, double[] box, double confidence) {}

    public record Line(String text, double[] box, List<Word> words) {}

    private PageLayout() {}

    public static List<Line> layout(List<String> lines, double width, double height, boolean pixels) {
        int longest = 60;
        for (String l : lines) {
            longest = Math.max(longest, l.length());
        }
        double marginX = width * 0.08;
        double marginY = height * 0.06;
        double charWidth = (width - 2 * marginX) / longest;
        double pitch = Math.min(height * 0.03, (height - 2 * marginY) / Math.max(1, lines.size()));
        double textHeight = pitch * 0.7;
        List<Line> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            double top = marginY + i * pitch;
            double bottom = top + textHeight;
            List<Word> words = new ArrayList<>();
            int col = 0;
            for (String w : text.split(" ")) {
                if (!w.isEmpty()) {
                    double left = marginX + col * charWidth;
                    double right = left + w.length() * charWidth;
                    words.add(new Word(w, box(left, top, right, bottom, pixels), confidence(w, i, col)));
                }
                col += w.length() + 1;
            }
            double right = marginX + text.length() * charWidth;
            out.add(new Line(text, box(marginX, top, right, bottom, pixels), List.copyOf(words)));
        }
        return out;
    }

    private static double[] box(double l, double t, double r, double b, boolean pixels) {
        double[] v = {l, t, r, t, r, b, l, b};
        for (int i = 0; i < v.length; i++) {
            v[i] = pixels ? Math.round(v[i]) : Math.round(v[i] * 10_000) / 10_000.0;
        }
        return v;
    }

    private static double confidence(String word, int line, int col) {
        int h = (word.hashCode() * 31 + line) * 31 + col;
        return 0.9 + Math.floorMod(h, 100) / 1000.0 - (word.length() == 1 ? 0.05 : 0);
    }
}
