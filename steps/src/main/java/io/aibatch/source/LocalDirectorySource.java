package io.aibatch.source;

import io.aibatch.item.WorkItem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Every regular file below a directory, in lexicographic order of the relative path. Hidden files
 * (a name starting with '.') are skipped: editors and copy tools leave them behind.
 */
public final class LocalDirectorySource implements ItemSource {

    private final Path root;

    public LocalDirectorySource(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("input directory " + this.root + " does not exist or is not a directory");
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void list(Consumer<WorkItem> sink) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(path -> !isHidden(root.relativize(path)))
                    .sorted()
                    .forEach(path -> sink.accept(toItem(path)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public InputStream open(WorkItem item) throws IOException {
        Path path = Path.of(item.source());
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new ItemUnavailableException("file " + path + " was listed when the run was planned but no longer exists");
        }
    }

    private WorkItem toItem(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            String name = root.relativize(path).toString().replace('\\', '/');
            return WorkItem.of(path.toString(), name, attributes.size(), attributes.lastModifiedTime().toInstant(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
