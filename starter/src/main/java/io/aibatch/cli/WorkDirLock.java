package io.aibatch.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The embedded job repository in a --work-dir belongs to one process at a time. Before H2 opens it, this takes an OS
 * file lock on {@code <work-dir>/aibatch.lock} (released by the OS when the process dies, even by kill -9) and writes
 * who holds it, so that a second process fails with one line naming the holder instead of H2's and Spring's stack
 * traces.
 */
final class WorkDirLock implements AutoCloseable {

    static final String FILE = "aibatch.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private WorkDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static WorkDirLock acquire(Path workDir, String command) {
        Path file = workDir.resolve(FILE);
        try {
            Files.createDirectories(workDir);
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String owner = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new IllegalStateException("the work dir " + workDir + " is in use by another aibatch process ("
                        + (owner.isEmpty() ? "unknown" : owner)
                        + "); wait for it to end or stop it, or use another --work-dir"
                        + " (or a shared --job-repository)");
            }
            String owner = "pid " + ProcessHandle.current().pid() + " on " + host() + ", " + command + ", since "
                    + Instant.now();
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new WorkDirLock(channel, lock);
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock the work dir " + workDir + ": " + e.getMessage(), e);
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases it when the process ends anyway
        }
    }
}
