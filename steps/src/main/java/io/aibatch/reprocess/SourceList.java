package io.aibatch.reprocess;

import io.aibatch.blob.BlobLocation;
import io.aibatch.store.Locations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * An explicit list of items (the {@code --list} of {@code reprocess}): one per line, either the item's source as
 * results and dead-letters record it ({@code source}: a blob URL or a file path) or its name below the input
 * ({@code name}). Blank lines and lines starting with '#' are skipped. The list is a local file or a blob URL (a
 * manager pod on Kubernetes has no local files of yours).
 */
public final class SourceList {

    private SourceList() {}

    public static Set<String> read(String location) throws IOException {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(open(location), StandardCharsets.UTF_8))) {
            Set<String> entries = new HashSet<>();
            String line;
            while ((line = reader.readLine()) != null) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    entries.add(entry);
                }
            }
            return entries;
        }
    }

    private static InputStream open(String location) throws IOException {
        if (BlobLocation.isUrl(location)) {
            int slash = location.lastIndexOf('/');
            String name = URI.create(location).getPath();
            name = name.substring(name.lastIndexOf('/') + 1);
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        "--list " + location + " names no blob; give the URL of the list file");
            }
            return Locations.output(location.substring(0, slash)).open(name, 0);
        }
        try {
            return Files.newInputStream(Path.of(location));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--list " + location + " does not exist");
        }
    }
}
