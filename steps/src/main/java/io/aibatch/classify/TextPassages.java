package io.aibatch.classify;

import java.util.ArrayList;
import java.util.List;

/** Cuts a document into passages of whole lines, each short enough for a sentence-embedding model (about 256 tokens). */
public final class TextPassages {

    private TextPassages() {}

    /**
     * @param maxChars    a passage ends at the line that takes it past this many characters
     * @param maxPassages only the first passages are returned: the start of a document says most about its kind
     */
    public static List<String> of(String text, int maxChars, int maxPassages) {
        List<String> passages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("[\\n\\f]")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!current.isEmpty() && current.length() + trimmed.length() > maxChars) {
                passages.add(current.toString());
                current.setLength(0);
                if (passages.size() == maxPassages) {
                    return passages;
                }
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(trimmed);
        }
        if (!current.isEmpty()) {
            passages.add(current.toString());
        }
        return passages;
    }
}
