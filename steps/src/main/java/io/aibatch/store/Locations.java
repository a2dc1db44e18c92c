package io.aibatch.store;

import io.aibatch.blob.BlobClients;
import io.aibatch.blob.BlobLocation;
import io.aibatch.source.BlobContainerSource;
import io.aibatch.source.ItemSource;
import io.aibatch.source.LocalDirectorySource;
import io.aibatch.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns the --input and --output arguments into a source and a store: a blob URL
 * ({@code https://<account>.blob.core.windows.net/<container>/<prefix>}, or an emulator's
 * {@code http://127.0.0.1:<port>/<account>/<container>/<prefix>}) or a local directory.
 */
public final class Locations {

    private Locations() {}

    public static ItemSource source(String input) {
        return source(input, SourceOptions.defaults());
    }

    public static ItemSource source(String input, SourceOptions options) {
        requirePresent(input, "--input");
        if (BlobLocation.isUrl(input)) {
            BlobLocation location = BlobLocation.parse(input, "--input");
            return new BlobContainerSource(location, BlobClients.container(location), options);
        }
        requireLocal(input, "--input");
        return new LocalDirectorySource(Path.of(input), options.filter());
    }

    /**
     * The lines of JSONL files as items ({@link io.aibatch.source.JsonlLineSource}): {@code input} is one local
     * {@code .jsonl} file, or a directory or blob container of them.
     */
    public static ItemSource jsonlLines(String input, SourceOptions options) {
        return jsonlLines(input, options, null);
    }

    /** As {@link #jsonlLines(String, SourceOptions)}, with a check that sees every line as they are listed. */
    public static io.aibatch.source.JsonlLineSource jsonlLines(
            String input, SourceOptions options, io.aibatch.source.JsonlLineSource.ListingCheck check) {
        requirePresent(input, "--input");
        if (!BlobLocation.isUrl(input) && java.nio.file.Files.isRegularFile(Path.of(input))) {
            return new io.aibatch.source.JsonlLineSource(new io.aibatch.source.SingleFileSource(Path.of(input)), check);
        }
        return new io.aibatch.source.JsonlLineSource(source(input, options), check);
    }

    public static OutputStore output(String output) throws IOException {
        requirePresent(output, "--output");
        if (BlobLocation.isUrl(output)) {
            BlobLocation location = BlobLocation.parse(output, "--output");
            return new BlobOutputStore(location, BlobClients.container(location));
        }
        requireLocal(output, "--output");
        return new LocalOutputStore(Path.of(output));
    }

    /**
     * Checks an --input or --output argument without touching the network or the disk, so that a malformed URL is
     * refused before a run is started.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static void check(String location, String option) {
        requirePresent(location, option);
        if (BlobLocation.isUrl(location)) {
            BlobLocation.parse(location, option);
        } else {
            requireLocal(location, option);
        }
    }

    /**
     * True when two --input/--output/--staging arguments name the same place: the same directory once made absolute,
     * or the same container and prefix. Anything else (e.g. {@code cosmos://}) is compared as written.
     */
    public static boolean sameLocation(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (BlobLocation.isUrl(a) && BlobLocation.isUrl(b)) {
            return BlobLocation.parse(a, "location")
                    .describe()
                    .equals(BlobLocation.parse(b, "location").describe());
        }
        if (!a.contains("://") && !b.contains("://")) {
            return Path.of(a)
                    .toAbsolutePath()
                    .normalize()
                    .equals(Path.of(b).toAbsolutePath().normalize());
        }
        return a.equals(b);
    }

    private static void requirePresent(String location, String option) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException(option + " is required");
        }
    }

    private static void requireLocal(String location, String option) {
        if (location.contains("://")) {
            throw new IllegalArgumentException(option + " " + location + " is neither a local directory nor a blob URL"
                    + " (https://<account>.blob.core.windows.net/<container>/<prefix>)");
        }
    }
}
