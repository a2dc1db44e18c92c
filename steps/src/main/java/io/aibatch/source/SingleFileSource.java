package io.aibatch.source;

import io.aibatch.item.WorkItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/** One local file as a source of one item: {@code --input requests.jsonl}. */
public final class SingleFileSource implements ItemSource {

    private final Path file;

    public SingleFileSource(Path file) {
        this.file = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.file)) {
            throw new IllegalArgumentException("input file " + this.file + " does not exist or is not a regular file");
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void list(Consumer<WorkItem> sink) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        sink.accept(WorkItem.of(
                file.toString(),
                file.getFileName().toString(),
                attributes.size(),
                attributes.lastModifiedTime().toInstant(),
                null));
    }

    @Override
    public InputStream open(WorkItem item) throws IOException {
        if (!Path.of(item.source()).equals(file)) {
            throw new ItemUnavailableException("item " + item.source() + " is not the input file " + file);
        }
        try {
            return Files.newInputStream(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ItemUnavailableException(
                    "file " + file + " was listed when the run was planned but no longer exists");
        }
    }
}
