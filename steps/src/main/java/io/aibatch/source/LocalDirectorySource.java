package io.aibatch.source;

import io.aibatch.item.WorkItem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Every regular file below a directory, depth first with each directory's entries in name order. Hidden files
 * (a name starting with '.') are skipped: editors and copy tools leave them behind. Only one directory's entry
 * names are held at a time, so memory follows the largest directory, not the whole tree. Content types are not
 * recorded for local files, so a {@link SourceFilter} on content type is refused.
 */
public final class LocalDirectorySource implements ItemSource {

    private final Path root;
    private final SourceFilter filter;

    public LocalDirectorySource(Path root) {
        this(root, SourceFilter.none());
    }

    public LocalDirectorySource(Path root, SourceFilter filter) {
        this.root = root.toAbsolutePath().normalize();
        this.filter = filter;
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("input directory " + this.root + " does not exist or is not a directory");
        }
        if (filter.filtersContentType()) {
            throw new IllegalArgumentException("a content-type filter needs a source that records content types (a blob URL);"
                    + " for the local directory " + this.root + " filter by suffix instead");
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void list(Consumer<WorkItem> sink) throws IOException {
        walk(root, sink);
    }

    private void walk(Path directory, Consumer<WorkItem> sink) throws IOException {
        List<Path> entries;
        try (Stream<Path> children = Files.list(directory)) {
            entries = children.filter(path -> !path.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path path : entries) {
            // like Files.walk: symbolic links to files are items, links to directories are not followed
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                walk(path, sink);
            } else if (Files.isRegularFile(path)) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                String name = root.relativize(path).toString().replace('\\', '/');
                if (filter.accepts(name, attributes.size(), null, attributes.lastModifiedTime().toInstant())) {
                    sink.accept(WorkItem.of(path.toString(), name, attributes.size(), attributes.lastModifiedTime().toInstant(), null));
                }
            }
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
}
