package io.aibatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.item.WorkItem;
import io.aibatch.plan.ManifestReader;
import io.aibatch.plan.RunPlanner;
import io.aibatch.plan.Slice;
import io.aibatch.plan.SlicePlan;
import io.aibatch.store.LocalOutputStore;
import io.aibatch.store.Locations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlLineSourceTest {

    @TempDir
    Path dir;

    @Test
    void eachNonBlankLineIsAnItemNumberedAsInAnEditorAndReadBackExactly() throws IOException {
        Path file = dir.resolve("requests.jsonl");
        Files.writeString(file, "{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}", StandardCharsets.UTF_8);
        ItemSource lines = Locations.jsonlLines(file.toString(), SourceOptions.defaults());

        List<WorkItem> items = list(lines);

        assertThat(items)
                .extracting(WorkItem::name)
                .containsExactly("requests.jsonl#L1", "requests.jsonl#L4", "requests.jsonl#L5");
        assertThat(items)
                .extracting(item -> read(lines, item))
                .containsExactly("{\"a\":1}", "{\"b\":2}\r", "{\"c\":3}");
        assertThat(items.get(1).source()).isEqualTo(file.toAbsolutePath() + "#L4@12");
        assertThat(LineAddress.of(items.get(1)))
                .isEqualTo(new LineAddress(file.toAbsolutePath().toString(), "requests.jsonl", 4, 12));
        // ids come from the file and the line number: the same in every listing
        assertThat(list(lines))
                .extracting(WorkItem::id)
                .isEqualTo(items.stream().map(WorkItem::id).toList());
        // reading backwards reopens the file
        assertThat(read(lines, items.get(0))).isEqualTo("{\"a\":1}");
    }

    @Test
    void aDirectoryGivesTheLinesOfItsJsonlFilesAndCountsTheOthers() throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), "{\"n\":1}\n{\"n\":2}\n");
        Files.writeString(dir.resolve("b.JSONL"), "{\"n\":3}\n");
        Files.writeString(dir.resolve("notes.txt"), "not requests\n");
        ItemSource lines = Locations.jsonlLines(dir.toString(), SourceOptions.defaults());

        assertThat(list(lines))
                .extracting(item -> read(lines, item))
                .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(lines.skipped()).containsEntry("not-jsonl", 1L);
    }

    /** Planning cuts the lines into slices; each slice read on its own gives its lines, and together every line once. */
    @Test
    void slicesAreContiguousLineRangesThatTogetherHoldEveryLineOnce() throws IOException {
        Path file = dir.resolve("big.jsonl");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            expected.add("{\"custom_id\":\"r" + i + "\",\"pad\":\"" + "x".repeat(i % 37) + "\"}");
        }
        Files.write(file, expected);
        LocalOutputStore store = new LocalOutputStore(dir.resolve("out"));
        ItemSource planning = Locations.jsonlLines(file.toString(), SourceOptions.defaults());

        SlicePlan plan = RunPlanner.plan(planning, store, 4);

        assertThat(plan.slices()).hasSize(4);
        List<String> read = new ArrayList<>();
        long nextLine = 0;
        for (Slice slice : plan.slices()) {
            assertThat(slice.firstLine()).isEqualTo(nextLine);
            nextLine += slice.items();
            // a slice's worker has a source of its own, as on another process or pod
            ItemSource worker = Locations.jsonlLines(file.toString(), SourceOptions.defaults());
            try (ManifestReader manifest =
                    new ManifestReader(store.open(RunPlanner.MANIFEST, slice.startByte()), slice.startByte())) {
                for (long i = 0; i < slice.items(); i++) {
                    read.add(read(worker, manifest.next()));
                }
            }
        }
        assertThat(read).isEqualTo(expected);
    }

    /** A check sees each line's bytes as listed, also lines across the 64 KiB blocks and a last line without '\\n'. */
    @Test
    void aListingCheckSeesEveryLineExactlyAsOpeningItReadsIt() throws IOException {
        Path file = dir.resolve("requests.jsonl");
        String longLine = "{\"custom_id\":\"long\",\"pad\":\"" + "y".repeat(200_000) + "\"}";
        Files.writeString(
                file,
                "{\"a\":1}\n\n" + "x".repeat(65_530) + "\n" + longLine + "\r\n  \n{\"z\":26}",
                StandardCharsets.UTF_8);
        List<String> checked = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        ItemSource lines =
                Locations.jsonlLines(file.toString(), SourceOptions.defaults(), new JsonlLineSource.ListingCheck() {
                    @Override
                    public void line(LineAddress line, byte[] bytes, int offset, int length) {
                        checked.add(line.fileName() + "#L" + line.line() + "="
                                + new String(bytes, offset, length, StandardCharsets.UTF_8));
                    }

                    @Override
                    public void end() {
                        ended.add("after " + checked.size());
                    }
                });

        List<WorkItem> items = list(lines);

        assertThat(checked)
                .containsExactlyElementsOf(items.stream()
                        .map(item -> item.name() + "=" + read(lines, item))
                        .toList());
        assertThat(checked).hasSize(4);
        assertThat(checked.get(2)).isEqualTo("requests.jsonl#L4=" + longLine + "\r");
        assertThat(checked.get(3)).isEqualTo("requests.jsonl#L6={\"z\":26}");
        assertThat(ended).containsExactly("after 4");

        List<String> listed = List.copyOf(checked);
        checked.clear();
        ((JsonlLineSource) lines).check(); // the check alone, without listing items: the same lines
        assertThat(checked).containsExactlyElementsOf(listed);
    }

    /**
     * A line longer than the check's limit is listed (the job dead-letters it) but never copied for the check, however
     * many blocks it spans: one crafted line of 300 MB ran the plan out of heap.
     */
    @Test
    void aLineAboveTheChecksLimitIsListedButNotCopiedForTheCheck() throws IOException {
        Path file = dir.resolve("requests.jsonl");
        String longLine = "{\"custom_id\":\"long\",\"pad\":\"" + "y".repeat(300_000) + "\"}";
        Files.writeString(file, "{\"a\":1}\n" + longLine + "\n{\"z\":26}\n", StandardCharsets.UTF_8);
        List<String> checked = new ArrayList<>();
        ItemSource lines =
                Locations.jsonlLines(file.toString(), SourceOptions.defaults(), new JsonlLineSource.ListingCheck() {
                    @Override
                    public void line(LineAddress line, byte[] bytes, int offset, int length) {
                        assertThat(bytes.length).as("bytes kept for the check").isLessThan(70_000);
                        checked.add(line.fileName() + "#L" + line.line() + "="
                                + new String(bytes, offset, length, StandardCharsets.UTF_8));
                    }

                    @Override
                    public long maxLineBytes() {
                        return 1_000;
                    }
                });

        List<WorkItem> items = list(lines);

        assertThat(items).extracting(WorkItem::size).containsExactly(7L, (long) longLine.length(), 8L);
        assertThat(checked).containsExactly("requests.jsonl#L1={\"a\":1}", "requests.jsonl#L3={\"z\":26}");
    }

    /** A slice's reads keep one stream open on the file; closing the source (the slice ended) closes it. */
    @Test
    void closingTheSourceClosesTheFileItsReadsKeptOpen() throws IOException {
        Path file = dir.resolve("requests.jsonl");
        Files.writeString(file, "{\"a\":1}\n{\"b\":2}\n");
        List<String> events = new ArrayList<>();
        SingleFileSource single = new SingleFileSource(file);
        ItemSource files = new ItemSource() {
            @Override
            public String describe() {
                return single.describe();
            }

            @Override
            public void list(java.util.function.Consumer<WorkItem> sink) throws IOException {
                single.list(sink);
            }

            @Override
            public InputStream open(WorkItem item) throws IOException {
                events.add("open");
                return new java.io.FilterInputStream(single.open(item)) {
                    @Override
                    public void close() throws IOException {
                        events.add("close");
                        super.close();
                    }
                };
            }
        };
        JsonlLineSource lines = new JsonlLineSource(files);
        List<WorkItem> items = list(lines);
        events.clear(); // listing opens and closes the file itself

        assertThat(read(lines, items.get(0))).isEqualTo("{\"a\":1}");
        assertThat(read(lines, items.get(1))).isEqualTo("{\"b\":2}");
        assertThat(events).containsExactly("open");

        lines.close();

        assertThat(events).containsExactly("open", "close");
    }

    @Test
    void aLineThatIsGoneSincePlanningIsUnavailable() throws IOException {
        Path file = dir.resolve("requests.jsonl");
        Files.writeString(file, "{\"a\":1}\n{\"b\":2}\n");
        ItemSource lines = Locations.jsonlLines(file.toString(), SourceOptions.defaults());
        List<WorkItem> items = list(lines);
        Files.writeString(file, "{\"a\":1}\n");

        assertThatThrownBy(() -> lines.open(items.get(1)))
                .isInstanceOf(ItemUnavailableException.class)
                .hasMessageContaining("line 2 is gone");
    }

    private static List<WorkItem> list(ItemSource source) throws IOException {
        List<WorkItem> items = new ArrayList<>();
        source.list(items::add);
        return items;
    }

    private static String read(ItemSource source, WorkItem item) {
        try (InputStream in = source.open(item)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
