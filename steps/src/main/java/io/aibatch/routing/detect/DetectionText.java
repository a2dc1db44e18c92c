package io.aibatch.routing.detect;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text the detectors read: the document's text with formatting tricks undone, so that an identifier is found
 * however it was written. Steps, each linear in the text's length:
 * <ol>
 *     <li>Unicode NFKC (fullwidth digits and letters, ligatures, superscripts and the no-break, thin, figure and
 *     narrow spaces become their plain forms);</li>
 *     <li>invisible format characters (zero-width space and joiners, soft hyphen, bidi marks) are dropped: they
 *     would otherwise split a number into pieces no reader sees;</li>
 *     <li>every Unicode decimal digit (Arabic-Indic, Devanagari, Thai, ...) becomes its ASCII digit;</li>
 *     <li>every dash (en, em, minus, hyphen) becomes {@code -}, dot-like marks (middle dot, bullet) become
 *     {@code .}, any run of whitespace becomes one space, and a run of one repeated separator (dot leaders,
 *     {@code ----}) becomes one: padding cannot push a number away from its label;</li>
 *     <li>within {@value #LABEL_WINDOW} characters after an identifier label (TFN, tax file number, Medicare,
 *     card, ABN...), number words become digits ("one two three" → "1 2 3") and tokens mixing digits with OCR
 *     look-alikes become digits (O/o → 0, l/I → 1, S → 5, B → 8: "l23 4S6"). Only there, and only mixed tokens:
 *     "BSB" and "SO" stay words.</li>
 * </ol>
 * Detection runs on this text; what is sent anywhere is the original, which holds the same identifiers.
 */
final class DetectionText {

    /** How far after a label words and look-alikes are read as digits: a number spelled out in words is long. */
    static final int LABEL_WINDOW = 200;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern LOOK_ALIKES = Pattern.compile("[0-9OolISB]+");
    private static final String[] NUMBER_WORDS = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
    };

    private DetectionText() {}

    /**
     * The text as a bidi-aware viewer shows it, where that differs from how it is stored: in a left-to-right line,
     * Arabic-Indic digit groups joined by spaces are displayed in reverse order, so "TFN ٦٧٢ ٠٥٢ ٣٣٤" stored in
     * that order (as PDF text extraction gives it) reads "TFN 334 052 672" on screen. Null when the text holds no
     * such groups (then there is nothing else to read).
     */
    static String displayOrder(String raw) {
        // a hand-written scan, not a regular expression: Java matches (?:separator+digits)* recursively, and a
        // megabyte of "١٢٣ " overflowed the stack (found by the detect benchmark)
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < raw.length()) {
            if (!arabicIndicDigit(raw.charAt(i))) {
                i++;
                continue;
            }
            List<String> parts = new ArrayList<>();
            int start = i;
            int end = i;
            while (true) {
                int digitsEnd = end;
                while (digitsEnd < raw.length() && arabicIndicDigit(raw.charAt(digitsEnd))) {
                    digitsEnd++;
                }
                parts.add(raw.substring(end, digitsEnd));
                end = digitsEnd;
                int next = end;
                while (next < raw.length() && arabicNumberSeparator(raw.charAt(next))) {
                    next++;
                }
                if (next == end || next == raw.length() || !arabicIndicDigit(raw.charAt(next))) {
                    break;
                }
                parts.add(raw.substring(end, next));
                end = next;
            }
            if (parts.size() > 1) {
                out = out == null ? new StringBuilder(raw.length()) : out;
                out.append(raw, copied, start);
                Collections.reverse(parts);
                parts.forEach(out::append);
                copied = end;
            }
            i = end;
        }
        return out == null ? null : out.append(raw, copied, raw.length()).toString();
    }

    private static boolean arabicIndicDigit(char c) {
        return c >= '\u0660' && c <= '\u0669';
    }

    private static boolean arabicNumberSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || ".,/-\u066B\u066C\u2013\u2014".indexOf(c) >= 0;
    }

    /** Steps 1-4: the same identifiers, one way of writing them. */
    static String normalize(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            char mapped;
            if (type == Character.FORMAT) {
                continue;
            } else if (Character.isDigit(cp)) {
                mapped = (char) ('0' + Character.digit(cp, 10));
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                mapped = ' ';
            } else if (type == Character.DASH_PUNCTUATION || cp == '\u2212' || cp == '\u2043' || cp == '\uFE63') {
                mapped = '-';
            } else if (cp == '\u00B7'
                    || cp == '\u2022'
                    || cp == '\u2027'
                    || cp == '\u2219'
                    || cp == '\u22C5'
                    || cp == '\u30FB') {
                mapped = '.';
            } else {
                out.appendCodePoint(cp);
                continue;
            }
            int last = out.length() - 1;
            if (last >= 0 && out.charAt(last) == mapped && !Character.isDigit(mapped)) {
                continue;
            }
            out.append(mapped);
        }
        collapseRepeatedSeparators(out);
        return out.toString();
    }

    /** "Tax file number ........ 123": a run of one separator character counts as one. */
    private static void collapseRepeatedSeparators(StringBuilder text) {
        int write = 0;
        for (int read = 0; read < text.length(); read++) {
            char c = text.charAt(read);
            if (write > 0 && c == text.charAt(write - 1) && DigitRun.isSeparator(c)) {
                continue;
            }
            text.setCharAt(write++, c);
        }
        text.setLength(write);
    }

    /** Step 5 on normalised text: number words and look-alikes right after a label read as digits. */
    static String readLabelledNumbers(String normalized) {
        Matcher label = IdentifierLabels.matcher(IdentifierLabels.ANY, normalized);
        StringBuilder out = new StringBuilder(normalized.length());
        int copied = 0;
        for (int next = 0; IdentifierLabels.find(label, normalized, next); next = label.end()) {
            int from = Math.max(label.end(), copied);
            int to = Math.min(normalized.length(), label.end() + LABEL_WINDOW);
            if (from >= to) {
                continue;
            }
            out.append(normalized, copied, from);
            Matcher token = TOKEN.matcher(normalized).region(from, to);
            int pos = from;
            while (token.find()) {
                out.append(normalized, pos, token.start()).append(asDigits(token.group()));
                pos = token.end();
            }
            out.append(normalized, pos, to);
            copied = to;
        }
        out.append(normalized, copied, normalized.length());
        return out.toString();
    }

    private static String asDigits(String token) {
        for (int d = 0; d < NUMBER_WORDS.length; d++) {
            if (token.equalsIgnoreCase(NUMBER_WORDS[d])) {
                return String.valueOf(d);
            }
        }
        if (token.equalsIgnoreCase("oh") || token.equalsIgnoreCase("nought") || token.equalsIgnoreCase("nil")) {
            return "0";
        }
        // only a token that also holds a real digit: a word made of look-alikes alone ("BSB", "SO", "I") stays a word
        if (LOOK_ALIKES.matcher(token).matches() && token.chars().anyMatch(c -> c >= '0' && c <= '9')) {
            StringBuilder digits = new StringBuilder(token.length());
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                digits.append(
                        switch (c) {
                            case 'O', 'o' -> '0';
                            case 'l', 'I' -> '1';
                            case 'S' -> '5';
                            case 'B' -> '8';
                            default -> c;
                        });
            }
            return digits.toString();
        }
        return token;
    }
}
