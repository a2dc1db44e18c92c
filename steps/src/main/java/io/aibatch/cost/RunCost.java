package io.aibatch.cost;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a run cost, what the same work would cost through cloud APIs, and from which monthly volume the cluster
 * is the cheaper way ({@code cost} in report.json).
 *
 * Unknown is not zero: when the cluster is not priced (no node pool configured or sampled, or a VM size without a price)
 * {@code cluster.total}, {@code total}, {@code perThousandItems}, {@code savings}, {@code savingsPercent} and
 * {@code breakEven} are null, and {@link #CLUSTER_NOT_CONFIGURED} is among the notes.
 *
 * @param total            cluster + metering + API spend; null when the cluster is not priced
 * @param perThousandItems total per 1,000 items read (written + dead-lettered)
 * @param apiSpend         units this run paid per unit: cloud engines ({@code billing: cloud}) and connected containers
 *                         in the cluster ({@code billing: connected}), plus the share of disconnected containers' commitment
 *                         plans ({@code billing: disconnected})
 * @param apiSpendTotal    the sum of {@code apiSpend}: what is known to have been spent even when the cluster is unpriced
 * @param cloudEquivalent  the run's units priced at the cloud services of {@code equivalents}
 * @param savings          cloud equivalent − total (negative: the cloud would have been cheaper)
 * @param savingsPercent   savings as a share of the cloud equivalent
 * @param projection       what a month of this work costs at a given volume; null when the cluster is not priced
 * @param languageModel    the run's language-model tokens by route (in-cluster, real-time cloud, batch cloud), side by
 *                         side with what each route cost; empty when the run used no language model
 */
public record RunCost(
        String currency,
        Double total,
        Double perThousandItems,
        Cluster cluster,
        List<Line> apiSpend,
        double apiSpendTotal,
        CloudEquivalent cloudEquivalent,
        Double savings,
        Double savingsPercent,
        BreakEven breakEven,
        @JsonInclude(JsonInclude.Include.NON_NULL) Projection projection,
        List<String> notes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TokenRoute> languageModel) {

    public RunCost {
        languageModel = languageModel == null ? List.of() : List.copyOf(languageModel);
    }

    /** Route of tokens handled by in-cluster models: paid by the node-hours, no per-token price. */
    public static final String IN_CLUSTER = "in-cluster";
    /** Route of tokens sent to cloud models in real time, at the real-time price lines. */
    public static final String CLOUD_REALTIME = "cloud real-time";
    /** Route of tokens sent through a cloud batch API, at the batch price lines. */
    public static final String CLOUD_BATCH = "cloud batch";

    /**
     * One route of the run's language-model tokens.
     *
     * @param route one of {@link #IN_CLUSTER}, {@link #CLOUD_REALTIME}, {@link #CLOUD_BATCH}
     * @param cost  what the route's spend lines priced; null for in-cluster tokens (part of the cluster's node-hours) and
     *              for cloud tokens no engine of the run prices (then a note says so)
     */
    public record TokenRoute(String route, long tokensIn, long tokensOut, Double cost) {}

    public static final String CLUSTER_NOT_CONFIGURED =
            "cluster cost not configured: set aibatch.cost.pools or sampling";

    /** Whether the cluster side has a price (otherwise totals, savings and break-even are unknown). */
    public boolean clusterPriced() {
        return cluster.total() != null;
    }

    /** Node pools × hours × price; {@code total} null when a pool is missing or unpriced. */
    public record Cluster(Double total, List<PoolCost> pools) {}

    /**
     * A month of this work: the pools kept up all month (another pool per {@code capacityItemsPerMonth}) plus the per-item
     * spend of this run (metering and API).
     *
     * @param clusterPerMonth       the pools kept up for a month
     * @param capacityItemsPerMonth what the pools do in a month at this run's steady throughput; null when unknown
     * @param spendPerItem          metering + API spend per item
     */
    public record Projection(double clusterPerMonth, Double capacityItemsPerMonth, double spendPerItem) {

        public double monthly(double items) {
            double pools = capacityItemsPerMonth == null || capacityItemsPerMonth <= 0
                    ? 1
                    : Math.max(1, Math.ceil(items / capacityItemsPerMonth));
            return pools * clusterPerMonth + spendPerItem * items;
        }
    }

    /** @param pricePerHour null when pricing.yaml does not list the VM size (then cost is null too) */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PoolCost(
            String name,
            String vmSize,
            boolean spot,
            double nodes,
            double nodeHours,
            Double pricePerHour,
            Double cost,
            String source) {}

    /**
     * @param lines every service of {@code equivalents} for every unit the run used; {@code counted} marks the first per
     *              unit, which makes the total
     */
    public record CloudEquivalent(double total, Double perThousandItems, List<Line> lines) {}

    /**
     * @param counted whether this line is part of its section's total (alternatives are not)
     * @param billing for spend lines: {@code cloud} (a cloud endpoint), {@code connected} (an in-cluster container metered per
     *                unit) or {@code disconnected} (a commitment plan's share); null for cloud-equivalent lines
     * @param engine  for spend lines: the engine that ran (a key of pricing.yaml's api-spend)
     */
    public record Line(
            String unit,
            double quantity,
            String service,
            String name,
            String price,
            double cost,
            boolean counted,
            @JsonInclude(JsonInclude.Include.NON_NULL) String billing,
            @JsonInclude(JsonInclude.Include.NON_NULL) String engine) {

        public Line(
                String unit, double quantity, String service, String name, String price, double cost, boolean counted) {
            this(unit, quantity, service, name, price, cost, counted, null, null);
        }
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
    public record BreakEven(
            double monthlyClusterCost,
            Double cloudCostPerItem,
            Double capacityItemsPerMonth,
            Double itemsPerMonth,
            String verdict,
            List<VolumePoint> curve) {}

    public record VolumePoint(double itemsPerMonth, double cluster, double cloud) {}
}
