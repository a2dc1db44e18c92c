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
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every regular file below a directory, depth first with each directory's entries in name order. Hidden files
 * (a name starting with '.') are skipped: editors and copy tools leave them behind; so are the files the
 * {@link IgnoreRules} ignore (README*, and what the directory's .aibatchignore lists). Only one directory's entry
 * names are held at a time, so memory follows the largest directory, not the whole tree. Content types are not
 * recorded for local files, so a {@link SourceFilter} on content type is refused.
 * <p>
 * The input directory is a boundary: a symbolic link is listed only when it points at a regular file inside the
 * directory (checked again when the file is opened, in case the link changed since planning); links leading out
 * of it (to /proc/self/environ, say), links to directories, broken links, and FIFOs, sockets and devices (which
 * would block a reader or never end) are skipped and counted in {@link #skipped()}. A name that is not valid UTF-8
 * cannot be opened again from its text form, so it is listed and then dead-lettered as {@code invalid-file-name}.
 */
public final class LocalDirectorySource implements ItemSource {

    private static final Logger log = LoggerFactory.getLogger(LocalDirectorySource.class);
    /** What Java puts in place of bytes of a file name that are not valid in the platform encoding. */
    private static final char UNDECODABLE = '\uFFFD';

    private final Path root;
    private final SourceFilter filter;
    private Path realRoot;
    private final Map<String, Long> skipped = new TreeMap<>();
    private IgnoreRules ignore;
    private long ignored;

    public LocalDirectorySource(Path root) {
        this(root, SourceFilter.none());
    }

    public LocalDirectorySource(Path root, SourceFilter filter) {
        this.root = root.toAbsolutePath().normalize();
        this.filter = filter;
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException(
                    "input directory " + this.root + " does not exist or is not a directory");
        }
        if (filter.filtersContentType()) {
            throw new IllegalArgumentException(
                    "a content-type filter needs a source that records content types (a blob URL);"
                            + " for the local directory " + this.root + " filter by suffix instead");
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void list(Consumer<WorkItem> sink) throws IOException {
        skipped.clear();
        ignored = 0;
        Path ignoreFile = root.resolve(IgnoreRules.FILE);
        ignore = Files.isRegularFile(ignoreFile)
                ? IgnoreRules.parse(Files.readString(ignoreFile))
                : IgnoreRules.builtIn();
        walk(root, sink);
        if (ignored > 0) {
            log.info("files ignored as not inputs in {}: {} ({})", root, ignored, ignore.describe());
        }
    }

    @Override
    public Map<String, Long> skipped() {
        return Map.copyOf(skipped);
    }

    private Path realRoot() throws IOException {
        if (realRoot == null) {
            realRoot = root.toRealPath();
        }
        return realRoot;
    }

    private void skip(String reason, Path path) {
        skipped.merge(reason, 1L, Long::sum);
        log.debug("skipped {} ({})", path, reason);
    }

    private void walk(Path directory, Consumer<WorkItem> sink) throws IOException {
        List<Path> entries;
        try (Stream<Path> children = Files.list(directory)) {
            entries = children.filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        for (Path path : entries) {
            BasicFileAttributes own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (own.isDirectory()) {
                walk(path, sink);
                continue;
            }
            BasicFileAttributes attributes = own;
            if (own.isSymbolicLink()) {
                Path target;
                try {
                    target = path.toRealPath();
                } catch (IOException broken) {
                    skip("broken-symlink", path);
                    continue;
                }
                if (!target.startsWith(realRoot())) {
                    skip("symlink-outside-input", path);
                    continue;
                }
                attributes = Files.readAttributes(target, BasicFileAttributes.class);
                if (attributes.isDirectory()) {
                    // like Files.walk: links to directories are not followed (they could loop or list files twice)
                    skip("symlink-to-directory", path);
                    continue;
                }
            }
            if (!attributes.isRegularFile()) {
                skip("special-file", path);
                continue;
            }
            String name = root.relativize(path).toString().replace('\\', '/');
            if (ignore.ignores(name)) {
                ignored++;
                continue;
            }
            if (filter.accepts(
                    name, attributes.size(), null, attributes.lastModifiedTime().toInstant())) {
                sink.accept(WorkItem.of(
                        path.toString(),
                        name,
                        attributes.size(),
                        attributes.lastModifiedTime().toInstant(),
                        null));
            }
        }
    }

    @Override
    public InputStream open(WorkItem item) throws IOException {
        Path path = Path.of(item.source());
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            if (item.source().indexOf(UNDECODABLE) >= 0) {
                throw new ItemUnavailableException(
                        "invalid-file-name",
                        "the file name is not valid UTF-8 (\u201c" + item.name()
                                + "\u201d, with \uFFFD for the bytes that are not), so it cannot be opened by name; rename it to valid UTF-8");
            }
            throw new ItemUnavailableException(
                    "file " + path + " was listed when the run was planned but no longer exists");
        }
        // checked again here: the link or file may have been replaced since planning
        if (!real.startsWith(realRoot())) {
            throw new ItemUnavailableException(
                    "outside-input",
                    "file " + path + " is now a link to a file outside the input directory; it was not read");
        }
        if (!Files.isRegularFile(real)) {
            throw new ItemUnavailableException(
                    "special-file",
                    "file " + path
                            + " is no longer a regular file (a FIFO, socket, device or directory); it was not read");
        }
        return Files.newInputStream(real);
    }
}
