package io.aibatch.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Resolves store-relative paths so that nothing, not even a hostile item name, escapes the root. */
public final class SafePaths {

    private SafePaths() {}

    public static Path resolve(Path root, String relative) {
        Path normalizedRoot = root.toAbsolutePath().normalize();
        Path resolved = normalizedRoot.resolve(relative).normalize();
        if (!resolved.startsWith(normalizedRoot) || resolved.equals(normalizedRoot)) {
            throw new IllegalArgumentException(
                    "path '" + relative + "' would leave the output location " + normalizedRoot);
        }
        return resolved;
    }

    /**
     * Checks a store-relative path for a blob store: '/'-separated, no empty, '.' or '..' segments, no leading
     * slash, no backslash. Blob names are taken literally by the service, so a path that a file system would
     * normalise must be refused rather than written somewhere unexpected.
     */
    public static String blobPath(String relative) {
        if (relative == null || relative.isEmpty()) {
            throw new IllegalArgumentException("an output path must not be empty");
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
                throw new IllegalArgumentException("path '" + relative + "' is not a plain relative path"
                        + " (empty, '.' or '..' segments, or a backslash) and could leave the output location");
            }
        }
        return relative;
    }

    /**
     * Where an item named {@code itemName} (a blob name below the input prefix, which may contain anything:
     * '..' segments, empty segments, backslashes, '%', '#', unicode) is mirrored below a local directory. Each
     * segment becomes one directory level; segments a file system would interpret ({@code .}, {@code ..}, empty) or
     * that contain separators are percent-encoded, so the result always stays below {@code root} and two distinct
     * names never map to the same file.
     */
    public static Path mirror(Path root, String itemName) {
        List<String> segments = new ArrayList<>();
        for (String segment : itemName.split("/", -1)) {
            segments.add(encodeSegment(segment));
        }
        return resolve(root, String.join("/", segments));
    }

    private static String encodeSegment(String segment) {
        if (segment.isEmpty()) {
            return "%"; // cannot come out of encoding any non-empty segment: '%' alone is always followed by hex there
        }
        StringBuilder encoded = new StringBuilder(segment.length());
        boolean onlyDots = segment.chars().allMatch(c -> c == '.');
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' || c == '\\' || c == '\0' || (onlyDots && c == '.')) {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            } else {
                encoded.append(c);
            }
        }
        return encoded.toString();
    }
}
