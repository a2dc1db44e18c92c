package io.aibatch.store;

import java.nio.file.Path;

/** Resolves store-relative paths so that nothing, not even a hostile item name, escapes the root. */
public final class SafePaths {

    private SafePaths() {
    }

    public static Path resolve(Path root, String relative) {
        Path normalizedRoot = root.toAbsolutePath().normalize();
        Path resolved = normalizedRoot.resolve(relative).normalize();
        if (!resolved.startsWith(normalizedRoot) || resolved.equals(normalizedRoot)) {
            throw new IllegalArgumentException("path '" + relative + "' would leave the output location " + normalizedRoot);
        }
        return resolved;
    }
}
