package io.aibatch.store;

import io.aibatch.source.ItemSource;
import io.aibatch.source.LocalDirectorySource;

import java.io.IOException;
import java.nio.file.Path;

/** Turns the --input and --output arguments into a source and a store. */
public final class Locations {

    private Locations() {
    }

    public static ItemSource source(String input) {
        requireLocal(input, "--input");
        return new LocalDirectorySource(Path.of(input));
    }

    public static OutputStore output(String output) throws IOException {
        requireLocal(output, "--output");
        return new LocalOutputStore(Path.of(output));
    }

    private static void requireLocal(String location, String option) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException(option + " is required");
        }
        if (location.contains("://")) {
            throw new IllegalArgumentException(option + " " + location + " is not a local directory; this build reads and writes local directories only");
        }
    }
}
