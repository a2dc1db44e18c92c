package io.aibatch.routing;

import io.aibatch.engine.Sensitivity;
import io.aibatch.item.WorkItem;
import io.aibatch.source.ItemContent;
import io.aibatch.source.ItemSource;
import io.aibatch.store.OutputStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Items an in-cluster run found unrestricted (by id, one per line in {@value #FILE}): the only items a run whose
 * first engine is in the cloud may list and send. Used by {@code compare}, so that a cloud profile sees the
 * unrestricted part of the sample and nothing else.
 */
public final class ClearedItems {

    public static final String FILE = "cleared-items.txt";

    private final Set<String> ids;

    private ClearedItems(Set<String> ids) {
        this.ids = Set.copyOf(ids);
    }

    public static ClearedItems of(Collection<String> ids) {
        return new ClearedItems(new HashSet<>(ids));
    }

    public static ClearedItems read(OutputStore store) throws IOException {
        if (!store.exists(FILE)) {
            throw new IOException(
                    "no " + FILE + " in " + store.describe() + ": the cleared items of a comparison are missing");
        }
        Set<String> ids = new HashSet<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(store.open(FILE, 0), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    ids.add(line.strip());
                }
            }
        }
        return new ClearedItems(ids);
    }

    public void write(OutputStore store) throws IOException {
        try (OutputStream out = store.create(FILE)) {
            for (String id : ids.stream().sorted().toList()) {
                out.write((id + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    public int size() {
        return ids.size();
    }

    /** UNRESTRICTED for a cleared item; anything else is UNCHECKED (and so may not leave the cluster). */
    public Sensitivity sensitivity(WorkItem item) {
        return ids.contains(item.id()) ? Sensitivity.UNRESTRICTED : Sensitivity.UNCHECKED;
    }

    /** {@code source} listing only the cleared items. */
    public ItemSource filter(ItemSource source) {
        return new ItemSource() {
            @Override
            public String describe() {
                return source.describe() + " (only the " + ids.size() + " items cleared as unrestricted)";
            }

            @Override
            public void list(Consumer<WorkItem> sink) throws IOException {
                source.list(item -> {
                    if (ids.contains(item.id())) {
                        sink.accept(item);
                    }
                });
            }

            @Override
            public InputStream open(WorkItem item) throws IOException {
                return source.open(item);
            }

            @Override
            public java.util.Map<String, Long> skipped() {
                return source.skipped();
            }

            @Override
            public ItemContent openContent(WorkItem item) throws IOException {
                return source.openContent(item);
            }
        };
    }
}
