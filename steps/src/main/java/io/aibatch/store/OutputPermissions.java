package io.aibatch.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/**
 * Who may read what a run writes to local disk (results, dead-letters, audit trail, reports, the embedded job
 * repository): {@code private} (the default) creates files 0600 and directories 0700, because results hold document
 * text and summaries of restricted content; {@code shared} leaves it to the process umask ({@code aibatch.output.permissions}).
 * On a file system without POSIX permissions nothing is set.
 */
public enum OutputPermissions {
    PRIVATE,
    SHARED;

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static volatile OutputPermissions current = PRIVATE;

    /** @param value {@code private} or {@code shared} (case-insensitive) */
    public static OutputPermissions parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "private", "" -> PRIVATE;
            case "shared" -> SHARED;
            default ->
                throw new IllegalArgumentException(
                        "aibatch.output.permissions must be private or shared, was '" + value + "'");
        };
    }

    /** What this process uses from now on (set once from configuration when the application starts). */
    public static void use(OutputPermissions permissions) {
        current = permissions;
    }

    public static OutputPermissions current() {
        return current;
    }

    /** Attributes for a new file: owner read/write only when private. */
    public FileAttribute<?>[] file() {
        return this == PRIVATE && POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    /** Creates {@code directory} and missing parents, owner-only when private (existing directories are left alone). */
    public void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return; // also a symbolic link to a directory, which createDirectories would refuse
        }
        if (this == PRIVATE && POSIX) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Makes an existing file owner-only when private (a file left by an earlier write keeps no wider access). */
    public void restrict(Path file) throws IOException {
        if (this == PRIVATE && POSIX) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
    }
}
