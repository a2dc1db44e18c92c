package io.aibatch.source;

import io.aibatch.item.WorkItem;
import java.util.List;

/**
 * Which listed items a run plans: the predicate of a {@link SelectedItemSource}. Incremental runs select what is new
 * since their watermark, reprocessing runs what an earlier run dead-lettered, an outdated result, or a list names.
 * Unlike a {@link SourceFilter}, a selection may need state from outside the listing (a watermark, another run's
 * output), so it is not part of the run's recorded filter.
 */
@FunctionalInterface
public interface ItemSelection {

    ItemSelection ALL = item -> true;

    boolean selects(WorkItem item);

    /** The items every one of {@code selections} selects. */
    static ItemSelection allOf(List<ItemSelection> selections) {
        List<ItemSelection> copy = List.copyOf(selections);
        if (copy.isEmpty()) {
            return ALL;
        }
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return item -> {
            for (ItemSelection selection : copy) {
                if (!selection.selects(item)) {
                    return false;
                }
            }
            return true;
        };
    }
}
