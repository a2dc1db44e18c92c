package io.aibatch.cost;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What a run cost, what the same work would cost through cloud APIs, and from which monthly volume the cluster
 * is the cheaper way ({@code cost} in report.json).
 *
 * @param total            cluster + API spend
 * @param perThousandItems total per 1,000 items read (written + dead-lettered)
 * @param apiSpend         units this run sent to cloud engines, at their price
 * @param cloudEquivalent  the run's units priced at the cloud services of {@code equivalents}
 * @param savings          cloud equivalent − total (negative: the cloud would have been cheaper)
 * @param savingsPercent   savings as a share of the cloud equivalent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunCost(String currency, double total, Double perThousandItems, Cluster cluster, List<Line> apiSpend,
                      CloudEquivalent cloudEquivalent, Double savings, Double savingsPercent, BreakEven breakEven, List<String> notes) {

    /** Node pools × hours × price. */
    public record Cluster(double total, List<PoolCost> pools) {
    }

    /** @param pricePerHour null when pricing.yaml does not list the VM size (then cost is null too) */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PoolCost(String name, String vmSize, boolean spot, double nodes, double nodeHours, Double pricePerHour, Double cost,
                           String source) {
    }

    /**
     * @param lines every service of {@code equivalents} for every unit the run used; {@code counted} marks the first per
     *              unit, which makes the total
     */
    public record CloudEquivalent(double total, Double perThousandItems, List<Line> lines) {
    }

    /** @param counted whether this line is part of its section's total (alternatives are not) */
    public record Line(String unit, double quantity, String service, String name, String price, double cost, boolean counted) {
    }

    /**
     * Fixed monthly cluster cost (the pools kept up all month) against the cloud's per-unit price, at the units per
     * item this run had.
     *
     * @param cloudCostPerItem      the cloud equivalent per item at low volume (first tier)
     * @param capacityItemsPerMonth what the pools can do in a month at this run's throughput; beyond it the cluster
     *                              needs another pool of the same size (the cluster line steps up)
     * @param itemsPerMonth         the break-even volume: from here on the cluster is cheaper; null when it never is
     * @param curve                 both costs over monthly volume, for the chart
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BreakEven(double monthlyClusterCost, Double cloudCostPerItem, Double capacityItemsPerMonth, Double itemsPerMonth,
                            String verdict, List<VolumePoint> curve) {
    }

    public record VolumePoint(double itemsPerMonth, double cluster, double cloud) {
    }
}
