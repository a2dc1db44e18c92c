package io.aibatch.incremental;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.item.WorkItem;
import io.aibatch.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watermark's promises at its boundary: nothing missed, nothing processed twice. */
class IncrementalSelectionTest {

    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");
    private static final Duration OVERLAP = Duration.ofMinutes(10);

    @Test
    void theFirstRunTakesEverythingAndRemembersTheVersionsInsideTheOverlap() {
        IncrementalSelection first = new IncrementalSelection(null, T0, OVERLAP);
        WorkItem old = blob("old.pdf", T0.minus(Duration.ofHours(1)), "e-old");
        WorkItem recent = blob("recent.pdf", T0.minusSeconds(30), "e-recent");
        WorkItem duringListing = blob("during.pdf", T0.plusSeconds(2), "e-during");

        assertThat(List.of(old, recent, duringListing)).allMatch(first::selects);
        Watermark next = first.next("r1", "none");

        assertThat(next.since()).isEqualTo(T0.minus(OVERLAP));
        assertThat(next.listedAt()).isEqualTo(T0);
        assertThat(next.boundary()).extracting(Watermark.Version::name).containsExactly("recent.pdf", "during.pdf");
        assertThat(next.runId()).isEqualTo("r1");
    }

    @Test
    void theNextRunTakesExactlyWhatIsNewOrChangedIncludingAReuploadInTheBoundarySecond() {
        Instant second = T0.minusSeconds(5);
        WorkItem unchanged = blob("a.pdf", second, "e-a1");
        WorkItem reuploadedSameSecond = blob("b.pdf", second, "e-b1");
        WorkItem older = blob("c.pdf", T0.minus(Duration.ofHours(2)), "e-c1");
        IncrementalSelection first = new IncrementalSelection(null, T0, OVERLAP);
        List.of(unchanged, reuploadedSameSecond, older).forEach(first::selects);
        Watermark w1 = first.next("r1", "none");

        Instant t1 = T0.plus(Duration.ofHours(1));
        IncrementalSelection second1 = new IncrementalSelection(w1, t1, OVERLAP);
        // same Last-Modified second as the boundary, new etag: a version never processed
        WorkItem reuploaded = blob("b.pdf", second, "e-b2");
        WorkItem added = blob("d.pdf", T0.plusSeconds(1), "e-d1");
        WorkItem addedAtSince = blob("e.pdf", w1.since(), "e-e1");

        assertThat(second1.selects(unchanged))
                .as("same version at the boundary")
                .isFalse();
        assertThat(second1.selects(older)).as("older than the watermark").isFalse();
        assertThat(second1.selects(reuploaded))
                .as("re-uploaded in the boundary second")
                .isTrue();
        assertThat(second1.selects(added)).isTrue();
        assertThat(second1.selects(addedAtSince))
                .as("modified exactly at since")
                .isTrue();
        assertThat(second1.selected()).isEqualTo(3);
        assertThat(second1.alreadyProcessed()).isEqualTo(1);
        assertThat(second1.older()).isEqualTo(1);

        Watermark w2 = second1.next("r2", "none");
        assertThat(w2.since()).isEqualTo(t1.minus(OVERLAP));
        assertThat(w2.boundary())
                .as("everything is now older than the new since")
                .isEmpty();
    }

    @Test
    void versionsProcessedEarlierStayInTheBoundaryWhileTheyAreInsideTheOverlap() {
        WorkItem a = blob("a.pdf", T0.minusSeconds(1), "e-a1");
        IncrementalSelection first = new IncrementalSelection(null, T0, OVERLAP);
        first.selects(a);
        Watermark w1 = first.next("r1", "none");

        // a run one minute later: a is listed again, skipped, and must still be remembered
        IncrementalSelection second = new IncrementalSelection(w1, T0.plusSeconds(60), OVERLAP);
        WorkItem b = blob("b.pdf", T0.plusSeconds(30), "e-b1");
        assertThat(second.selects(a)).isFalse();
        assertThat(second.selects(b)).isTrue();
        Watermark w2 = second.next("r2", "none");
        assertThat(w2.boundary()).extracting(Watermark.Version::name).containsExactly("a.pdf", "b.pdf");

        IncrementalSelection third = new IncrementalSelection(w2, T0.plusSeconds(120), OVERLAP);
        assertThat(third.selects(a)).isFalse();
        assertThat(third.selects(b)).isFalse();
    }

    @Test
    void replacedAndDeletedVersionsDropOutOfTheBoundary() {
        WorkItem a1 = blob("a.pdf", T0.minusSeconds(2), "e-a1");
        WorkItem gone = blob("gone.pdf", T0.minusSeconds(2), "e-g1");
        IncrementalSelection first = new IncrementalSelection(null, T0, OVERLAP);
        List.of(a1, gone).forEach(first::selects);
        Watermark w1 = first.next("r1", "none");

        IncrementalSelection second = new IncrementalSelection(w1, T0.plusSeconds(60), OVERLAP);
        WorkItem a2 = blob("a.pdf", T0.plusSeconds(30), "e-a2");
        assertThat(second.selects(a2)).isTrue(); // gone.pdf is not listed any more
        assertThat(second.next("r2", "none").boundary()).containsExactly(Watermark.Version.of(a2));
    }

    @Test
    void theWatermarkNeverMovesBackwards() {
        Watermark w = new Watermark(T0, T0.plus(OVERLAP), List.of(), "r1", "none");
        // this machine's clock (or the overlap setting) would put since before the stored one
        IncrementalSelection selection = new IncrementalSelection(w, T0.minusSeconds(3600), OVERLAP);
        assertThat(selection.next("r2", "none").since()).isEqualTo(T0);
    }

    @Test
    void filesWithoutEtagsAreVersionedByModificationTimeAndSize() {
        Instant mtime = T0.minusSeconds(1);
        WorkItem file = WorkItem.of("/in/a.pdf", "a.pdf", 100, mtime, null);
        IncrementalSelection first = new IncrementalSelection(null, T0, OVERLAP);
        first.selects(file);
        Watermark w1 = first.next("r1", "none");

        IncrementalSelection second = new IncrementalSelection(w1, T0.plusSeconds(60), OVERLAP);
        assertThat(second.selects(WorkItem.of("/in/a.pdf", "a.pdf", 100, mtime, null)))
                .isFalse();
        assertThat(second.selects(WorkItem.of("/in/a.pdf", "a.pdf", 120, mtime, null)))
                .as("rewritten within the same tick")
                .isTrue();
    }

    @Test
    void twoWatermarksMergeIntoOneThatKeepsBothPromises() {
        Watermark.Version a = new Watermark.Version("a.pdf", "e1", T0.plusSeconds(10));
        Watermark.Version b = new Watermark.Version("b.pdf", "e1", T0.plusSeconds(20));
        Watermark.Version beforeLaterSince = new Watermark.Version("c.pdf", "e1", T0.plusSeconds(1));
        Watermark earlier = new Watermark(T0, T0.plus(OVERLAP), List.of(beforeLaterSince, a), "r1", "none");
        Watermark later =
                new Watermark(T0.plusSeconds(5), T0.plus(OVERLAP).plusSeconds(5), List.of(b, a), "r2", "none");

        Watermark merged = later.mergedWith(earlier);

        assertThat(merged.since()).isEqualTo(T0.plusSeconds(5));
        assertThat(merged.boundary()).containsExactly(a, b);
        assertThat(merged.runId()).isEqualTo("r2");
        assertThat(earlier.mergedWith(later).since()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aWatermarkSurvivesJson() {
        Watermark w = new Watermark(
                T0,
                T0.plusSeconds(600),
                List.of(new Watermark.Version("dir/a b.pdf", "\"0x8D\"", T0.plusSeconds(1))),
                "r1",
                "suffix in [.pdf]");
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(w), Watermark.class))
                .isEqualTo(w);
    }

    @Test
    void aNegativeOverlapIsRefused() {
        assertThatThrownBy(() -> new IncrementalSelection(null, T0, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
    }

    private static WorkItem blob(String name, Instant lastModified, String etag) {
        return WorkItem.of("http://127.0.0.1:10000/devstoreaccount1/in/" + name, name, 10, lastModified, etag);
    }
}
