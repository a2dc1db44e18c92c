package io.aibatch.runtime;

import io.aibatch.incremental.IncrementalSelection;
import io.aibatch.incremental.PendingWatermark;
import io.aibatch.incremental.Watermark;
import io.aibatch.reprocess.ReprocessSelection;
import io.aibatch.runtime.incremental.WatermarkStore;
import io.aibatch.source.ItemSource;
import io.aibatch.source.SelectedItemSource;
import io.aibatch.store.OutputStore;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the plan step lists for a run: the whole source, only what is new since the watermark
 * ({@code --since-last-success}), or what a {@code reprocess} run's selectors pick. The selection wraps the source,
 * so the manifest holds only the selected items and everything after planning is the same for every kind of run.
 */
public class RunSelections {

    private static final Logger log = LoggerFactory.getLogger(RunSelections.class);

    private final WatermarkStore watermarks;
    private final AibatchProperties.Incremental incremental;

    public RunSelections(WatermarkStore watermarks, AibatchProperties.Incremental incremental) {
        this.watermarks = watermarks;
        this.incremental = incremental;
    }

    /** The source to plan {@code run} from, and what to do once the manifest is written. */
    public Planning forPlanning(String jobName, RunParameters run, ItemSource source) throws IOException {
        ReprocessSelection selection = run.selection();
        if (selection != null) {
            log.info("reprocessing: {}", selection.describe(run.pipelineVersion()));
            return new Planning(
                    new SelectedItemSource(
                            source,
                            selection.open(run.pipelineVersion()),
                            () -> selection.describe(run.pipelineVersion())),
                    files -> {});
        }
        if (!run.sinceLastSuccess()) {
            return new Planning(source, files -> {});
        }
        Optional<Watermark> previous = watermarks.find(jobName, source.describe());
        String filter = run.sourceFilter().describe();
        previous.filter(w -> w.filter() != null && !w.filter().equals(filter))
                .ifPresent(w -> log.warn(
                        "the watermark of {} on {} was set by run {} with the listing filter [{}], this run's is [{}]: items the new filter"
                                + " takes that were modified before {} are not listed; process them once with"
                                + " 'reprocess --modified-before {}' and the new filter",
                        jobName,
                        source.describe(),
                        w.runId(),
                        w.filter(),
                        filter,
                        w.since(),
                        w.since()));
        IncrementalSelection newSinceWatermark =
                new IncrementalSelection(previous.orElse(null), source.currentTime(), incremental.overlap());
        return new Planning(
                new SelectedItemSource(source, newSinceWatermark, newSinceWatermark::describe),
                files -> new PendingWatermark(jobName, source.describe(), newSinceWatermark.next(run.runId(), filter))
                        .write(files));
    }

    /**
     * @param source  what the plan step lists
     * @param planned called with the run's files once the manifest is complete
     */
    public record Planning(ItemSource source, AfterPlanning planned) {}

    @FunctionalInterface
    public interface AfterPlanning {
        void accept(OutputStore files) throws IOException;
    }
}
