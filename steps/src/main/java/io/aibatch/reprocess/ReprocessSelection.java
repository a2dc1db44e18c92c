package io.aibatch.reprocess;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aibatch.source.ItemSelection;
import io.aibatch.store.Locations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a {@code reprocess} run selects from its input, recorded with the run (as JSON in a run option) so that a
 * restarted plan selects the same. Every selector given narrows the selection: an item must pass them all.
 * Listing filters ({@code --modified-after}, suffixes, sizes) apply as in any run.
 *
 * @param prefixes          names (below the input) starting with one of these; empty = any name
 * @param deadLettersIn     the files location of a run (its {@code --staging} or {@code --output}): take the items in
 *                          its {@code dead-letter/}; null = no such selector
 * @param deadLettersOfRun  that run's id, for people
 * @param resultsIn         the output location of a run: take the items whose result there was not made by the
 *                          current pipeline version; null = no such selector
 * @param resultsOfRun      that run's id, for people
 * @param list              a file or blob URL listing sources or names, one per line; null = no such selector
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReprocessSelection(
        List<String> prefixes,
        String deadLettersIn,
        String deadLettersOfRun,
        String resultsIn,
        String resultsOfRun,
        String list) {

    public ReprocessSelection {
        prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
    }

    public boolean isEmpty() {
        return prefixes.isEmpty() && deadLettersIn == null && resultsIn == null && list == null;
    }

    /**
     * Reads what the selectors refer to (dead-letters, results, the list) and returns the selection. The selected
     * ids are held in memory in 8 bytes each ({@link ItemIdSet}); a list file's entries as strings.
     *
     * @param currentVersion the pipeline version of the reprocessing run
     */
    public ItemSelection open(String currentVersion) throws IOException {
        List<ItemSelection> selections = new ArrayList<>();
        if (!prefixes.isEmpty()) {
            selections.add(
                    item -> prefixes.stream().anyMatch(prefix -> item.name().startsWith(prefix)));
        }
        if (deadLettersIn != null) {
            ItemIdSet ids = DeadLetteredItems.ids(Locations.output(deadLettersIn));
            selections.add(item -> ids.contains(item.id()));
        }
        if (resultsIn != null) {
            ItemIdSet ids = OutdatedResults.ids(Locations.output(resultsIn), currentVersion);
            selections.add(item -> ids.contains(item.id()));
        }
        if (list != null) {
            Set<String> entries = SourceList.read(list);
            selections.add(item -> entries.contains(item.source()) || entries.contains(item.name()));
        }
        return ItemSelection.allOf(selections);
    }

    /** For logs, e.g. {@code dead-letters of run r1, name prefix in [a/]}. */
    public String describe(String currentVersion) {
        List<String> parts = new ArrayList<>();
        if (!prefixes.isEmpty()) {
            parts.add("name prefix in " + prefixes);
        }
        if (deadLettersIn != null) {
            parts.add("dead-letters of " + (deadLettersOfRun != null ? "run " + deadLettersOfRun : deadLettersIn));
        }
        if (resultsIn != null) {
            parts.add("results of " + (resultsOfRun != null ? "run " + resultsOfRun : resultsIn)
                    + " not made by version " + currentVersion);
        }
        if (list != null) {
            parts.add("listed in " + list);
        }
        return parts.isEmpty() ? "every item" : String.join(", ", parts);
    }
}
