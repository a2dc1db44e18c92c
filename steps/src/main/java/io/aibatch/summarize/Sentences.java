package io.aibatch.summarize;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits document text into sentences. Lines wrapped by the layout are joined first (a line that does not end a
 * sentence and is followed by one starting in lower case); short lines such as headings and address lines are
 * kept as their own units and later filtered out by length.
 */
final class Sentences {

    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z\"'(])");

    private Sentences() {}

    static List<String> of(String text) {
        List<String> units = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String raw : text.split("[\\n\\f]")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                flush(block, units);
                continue;
            }
            boolean continues = !block.isEmpty()
                    && !endsSentence(block)
                    && (Character.isLowerCase(line.charAt(0)) || block.length() > 60);
            if (!continues) {
                flush(block, units);
            }
            if (!block.isEmpty()) {
                block.append(' ');
            }
            block.append(line);
        }
        flush(block, units);
        return units;
    }

    private static boolean endsSentence(CharSequence block) {
        char last = block.charAt(block.length() - 1);
        return last == '.' || last == '!' || last == '?' || last == ':';
    }

    private static void flush(StringBuilder block, List<String> units) {
        if (!block.isEmpty()) {
            for (String sentence : BOUNDARY.split(block)) {
                if (!sentence.isBlank()) {
                    units.add(sentence.strip());
                }
            }
            block.setLength(0);
        }
    }
}
