package io.aibatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilterTest {

    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void everyCriterionThatIsSetMustPass() {
        SourceFilter filter =
                new SourceFilter(List.of(".PDF"), List.of("application/pdf"), 10L, 100L, T, T.plusSeconds(60));

        assertThat(filter.accepts("a/b.pdf", 50, "application/pdf; charset=binary", T))
                .isTrue();
        assertThat(filter.accepts("a/b.png", 50, "application/pdf", T)).isFalse();
        assertThat(filter.accepts("a/b.pdf", 5, "application/pdf", T)).isFalse();
        assertThat(filter.accepts("a/b.pdf", 101, "application/pdf", T)).isFalse();
        assertThat(filter.accepts("a/b.pdf", 50, "image/png", T)).isFalse();
        assertThat(filter.accepts("a/b.pdf", 50, null, T)).isFalse();
        assertThat(filter.accepts("a/b.pdf", 50, "application/pdf", T.minusMillis(1)))
                .isFalse();
        assertThat(filter.accepts("a/b.pdf", 50, "application/pdf", T.plusSeconds(60)))
                .as("the upper bound is exclusive")
                .isFalse();
        assertThat(SourceFilter.none().accepts("anything", 0, null, null)).isTrue();
    }

    @Test
    void timesAreIsoInstantsOffsetsOrDates() {
        assertThat(SourceFilter.parseTime("2026-03-01", "x")).isEqualTo(T);
        assertThat(SourceFilter.parseTime("2026-03-01T10:00:00+10:00", "x")).isEqualTo(T);
        assertThat(SourceFilter.parseTime("2026-03-01T00:00:00Z", "x")).isEqualTo(T);
        assertThat(SourceFilter.parseTime(" ", "x")).isNull();
        assertThatThrownBy(() -> SourceFilter.parseTime("yesterday", "--modified-after"))
                .hasMessageContaining("--modified-after 'yesterday'");
    }

    @Test
    void contradictoryBoundsAreRefused() {
        assertThatThrownBy(() -> new SourceFilter(null, null, 10L, 5L, null, null))
                .hasMessageContaining("minimum size");
        assertThatThrownBy(() -> new SourceFilter(null, null, null, null, T, T)).hasMessageContaining("not before");
        assertThatThrownBy(() -> ChangedItemPolicy.parse("ignore"))
                .hasMessageContaining("process-current, dead-letter");
        assertThat(ChangedItemPolicy.parse("dead-letter")).isEqualTo(ChangedItemPolicy.DEAD_LETTER);
    }

    @Test
    void aLocalDirectoryIsFilteredByNameSizeAndTimeButNotContentType() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/a.pdf"), new byte[20]);
        Files.write(dir.resolve("b.pdf"), new byte[200]);
        Files.write(dir.resolve("c.txt"), new byte[20]);
        Files.write(dir.resolve("old.pdf"), new byte[20]);
        Files.setLastModifiedTime(dir.resolve("old.pdf"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        List<String> names = new ArrayList<>();
        new LocalDirectorySource(
                        dir,
                        new SourceFilter(
                                List.of(".pdf"), null, null, 100L, Instant.parse("2025-01-01T00:00:00Z"), null))
                .list(item -> names.add(item.name()));

        assertThat(names).containsExactly("sub/a.pdf");
        assertThatThrownBy(() -> new LocalDirectorySource(
                        dir, new SourceFilter(null, List.of("application/pdf"), null, null, null, null)))
                .hasMessageContaining("content-type filter");
    }
}
