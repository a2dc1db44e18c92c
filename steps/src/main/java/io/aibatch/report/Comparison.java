package io.aibatch.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The same sample through several backend profiles ({@code comparison.json}).
 *
 * @param restrictedItems how restricted content was kept away from cloud profiles
 * @param profiles        in the order the user gave them (they ran in-cluster first: cloud profiles need cleared items)
 * @param warmUp          what each profile's warm-up was, excluded from its steady throughput and latency
 * @param monthlyItems    the monthly volume the projected monthly costs are for, or null
 */
public record Comparison(
        String comparisonId,
        String job,
        String input,
        String output,
        Instant startTime,
        Instant endTime,
        RestrictedItems restrictedItems,
        List<Profile> profiles,
        String warmUp,
        Long monthlyItems) {

    public Comparison(
            String comparisonId,
            String job,
            String input,
            String output,
            Instant startTime,
            Instant endTime,
            RestrictedItems restrictedItems,
            List<Profile> profiles) {
        this(comparisonId, job, input, output, startTime, endTime, restrictedItems, profiles, null, null);
    }

    /**
     * @param clearedBy   the in-cluster profile whose results decided which items are unrestricted; null when no profile
     *                    is in the cloud
     * @param cleared     items cloud profiles were allowed to see
     * @param excluded    restricted (or unclassified) items cloud profiles never saw
     * @param explanation in words
     */
    public record RestrictedItems(String clearedBy, long cleared, long excluded, String explanation) {}

    /**
     * @param locality where the engine that first sees an item's content runs (IN_CLUSTER or CLOUD)
     * @param itemSet  {@code all} or {@code cleared} (only items an in-cluster profile found unrestricted)
     * @param options  the run options the profile set (endpoints, engines; never keys)
     * @param report   the profile's run report (report.json of its sub-run)
     */
    public record Profile(
            String name,
            String description,
            String locality,
            String itemSet,
            Map<String, String> options,
            String runId,
            String output,
            RunReport report) {}
}
