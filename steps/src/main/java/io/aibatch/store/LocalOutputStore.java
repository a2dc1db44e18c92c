package io.aibatch.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** An output directory on the local filesystem. Files appear atomically (write to a temp file, then rename). */
public final class LocalOutputStore implements OutputStore {

    private final Path root;
    private final OutputPermissions permissions;

    public LocalOutputStore(Path root) throws IOException {
        this(root, OutputPermissions.current());
    }

    public LocalOutputStore(Path root, OutputPermissions permissions) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.permissions = permissions;
        permissions.createDirectories(this.root);
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public OutputStream create(String path) throws IOException {
        Path target = SafePaths.resolve(root, path);
        permissions.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        FileChannel channel = FileChannel.open(
                temp,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                permissions.file());
        permissions.restrict(temp); // a stale temp file of a crashed write keeps its old mode otherwise
        return new FilterOutputStream(Channels.newOutputStream(channel)) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                // force before rename: a file that is visible must also be complete on disk
                channel.force(true);
                super.close();
                moveIntoPlace(temp, target);
            }
        };
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public InputStream open(String path, long offset) throws IOException {
        FileChannel channel = FileChannel.open(SafePaths.resolve(root, path), StandardOpenOption.READ);
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(SafePaths.resolve(root, path));
    }

    @Override
    public void delete(String path) throws IOException {
        Files.deleteIfExists(SafePaths.resolve(root, path));
    }

    @Override
    public List<String> list(String directory) throws IOException {
        Path dir = SafePaths.resolve(root, directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }
}
