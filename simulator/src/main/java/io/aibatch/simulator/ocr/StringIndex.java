package io.aibatch.simulator.ocr;

import java.text.BreakIterator;

/**
 * Converts Java (UTF-16) string positions to the unit a Document Intelligence client asked for with
 * stringIndexType: utf16CodeUnit (Java, JavaScript, .NET), unicodeCodePoint (Python) or textElements (grapheme
 * clusters, the default). Identical for ASCII text; they differ for emoji, combining marks and astral characters.
 */
public final class StringIndex {

    private final int[] unitAt; // unitAt[i] = offset, in the requested unit, of UTF-16 position i

    private StringIndex(int[] unitAt) {
        this.unitAt = unitAt;
    }

    public static StringIndex of(String content, String stringIndexType) {
        int n = content.length();
        int[] at = new int[n + 1];
        switch (stringIndexType) {
            case "utf16CodeUnit" -> {
                for (int i = 0; i <= n; i++) {
                    at[i] = i;
                }
            }
            case "unicodeCodePoint" -> {
                int cp = 0;
                for (int i = 0; i < n; i++) {
                    at[i] = cp;
                    if (!Character.isLowSurrogate(content.charAt(i))) {
                        cp++;
                    }
                }
                at[n] = cp;
            }
            default -> {
                BreakIterator graphemes = BreakIterator.getCharacterInstance();
                graphemes.setText(content);
                int element = 0;
                int start = graphemes.first();
                for (int end = graphemes.next(); end != BreakIterator.DONE; start = end, end = graphemes.next()) {
                    for (int i = start; i < end; i++) {
                        at[i] = element;
                    }
                    element++;
                }
                at[n] = element;
            }
        }
        return new StringIndex(at);
    }

    public int offset(int utf16Index) {
        return unitAt[utf16Index];
    }

    public int length(int utf16Start, int utf16End) {
        return unitAt[utf16End] - unitAt[utf16Start];
    }
}
