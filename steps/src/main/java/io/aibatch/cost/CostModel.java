package io.aibatch.cost;

import io.aibatch.pipeline.Units;
import io.aibatch.report.RunReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices a run: the node-hours of its backend pools at the VM prices, the units it sent to cloud engines at their
 * prices, the same units at the cloud services' prices (the cloud equivalent), and the monthly volume at which a
 * cluster kept up all month costs as much as the cloud would.
 */
public final class CostModel {

    private static final String SYMBOL = "$";
    private final PriceList prices;

    public CostModel(PriceList prices) {
        this.prices = prices;
    }

    public PriceList prices() {
        return prices;
    }

    /** A report of the run's numbers plus its cost (the old form: every engine listed ran in the cloud). */
    public RunReport price(RunReport report, List<PoolUsage> pools, List<String> apiSpendEngines) {
        return price(
                report, pools, apiSpendEngines.stream().map(EngineRun::cloud).toList(), report.itemsPerSecond());
    }

    /**
     * A report of the run's numbers plus its cost.
     *
     * @param pools null when no pool is configured or sampled (the cluster is then unpriced, not free)
     */
    public RunReport price(RunReport report, List<PoolUsage> pools, List<EngineRun> engines, double itemsPerSecond) {
        Priced priced = price(
                report.items().read(),
                itemsPerSecond,
                report.wallSeconds() / 3600,
                report.units().quantities(),
                pools,
                engines);
        return report.withCost(priced.cost(), priced.used());
    }

    public record Priced(RunCost cost, PricesUsed used) {}

    /**
     * An engine a run used that may bill per unit.
     *
     * @param engine    a key of pricing.yaml's {@code api-spend} (e.g. {@code read-container}, {@code azure-openai})
     * @param inCluster whether it ran in the cluster (then pricing.yaml's {@code metering} decides whether it is billed)
     * @param batch     whether the run used it through a batch API (then it bills the batch share of the units)
     */
    public record EngineRun(String engine, boolean inCluster, boolean batch) {

        public EngineRun(String engine, boolean inCluster) {
            this(engine, inCluster, false);
        }

        public static EngineRun cloud(String engine) {
            return new EngineRun(engine, false);
        }

        /**
         * A cloud engine the run sent requests to through a batch API: its prices apply to the batch share of each unit
         * ({@link Units#batchShare}, e.g. {@code batchTokensIn}) instead of the real-time cloud share.
         */
        public static EngineRun cloudBatch(String engine) {
            return new EngineRun(engine, false, true);
        }
    }

    /** The old form: every engine listed ran in the cloud, the pools are as given (empty: no cluster to pay). */
    public Priced price(
            long items,
            double itemsPerSecond,
            Map<String, Double> quantities,
            List<PoolUsage> pools,
            List<String> apiSpendEngines) {
        return price(
                items,
                itemsPerSecond,
                0,
                quantities,
                pools,
                apiSpendEngines.stream().map(EngineRun::cloud).toList());
    }

    /**
     * @param wallHours  the run's wall time, for its share of disconnected containers' monthly commitment
     * @param quantities units by name, any a job's items produce (pages, audioSeconds, tokensIn, tokensOut, cloudTokensIn/Out and batchTokensIn/Out:
     *                   the tokens of CLOUD language models, a job's own); a priced unit the run did not produce counts 0
     * @param pools      the backend node pools; null when none is configured or sampled (the cluster is unpriced)
     * @param engines    the engines the run used that may bill per unit
     */
    public Priced price(
            long items,
            double itemsPerSecond,
            double wallHours,
            Map<String, Double> quantities,
            List<PoolUsage> pools,
            List<EngineRun> engines) {
        Map<String, PricesUsed.Price> used = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();

        List<RunCost.PoolCost> poolCosts = new ArrayList<>();
        double clusterSum = 0, hourly = 0;
        boolean clusterPriced = pools != null;
        for (PoolUsage pool : pools == null ? List.<PoolUsage>of() : pools) {
            PriceList.VmPrice vm = prices.vms().get(pool.vmSize());
            Double perHour = vm == null ? null : vm.perHour(pool.spot());
            if (vm == null) {
                notes.add(
                        "pool " + pool.name() + ": VM size " + pool.vmSize() + " is not in " + prices.source()
                                + "; its node-hours are not priced (add it with its source and date), so the cluster cost is unknown");
            } else if (perHour == null) {
                notes.add("pool " + pool.name() + ": " + pool.vmSize() + " has no spot price in " + prices.source()
                        + ", so the cluster cost is unknown");
            } else {
                used.put(
                        "vm:" + pool.vmSize() + (pool.spot() ? ":spot" : ""),
                        new PricesUsed.Price(
                                pool.vmSize(),
                                "vm",
                                vm.description()
                                        + (pool.spot() ? ", spot" : ", on-demand")
                                        + (vm.region() == null ? "" : ", " + vm.region()),
                                SYMBOL + PriceList.money(perHour) + " / node-hour",
                                vm.source(),
                                vm.date(),
                                vm.verified()));
            }
            Double cost = perHour == null ? null : round(pool.nodeHours() * perHour);
            if (cost != null) {
                clusterSum += cost;
                hourly += pool.nodes() * perHour;
            } else {
                clusterPriced = false;
            }
            poolCosts.add(new RunCost.PoolCost(
                    pool.name(),
                    pool.vmSize(),
                    pool.spot(),
                    round(pool.nodes()),
                    round(pool.nodeHours()),
                    perHour,
                    cost,
                    pool.source()));
        }
        if (pools == null) {
            notes.add(RunCost.CLUSTER_NOT_CONFIGURED
                    + " (name, vm-size, nodes, spot); total, savings and break-even are unknown "
                    + "until then, not zero");
        }

        List<RunCost.Line> apiSpend = new ArrayList<>();
        double apiTotal = 0;
        Map<String, Double> routeCosts = new LinkedHashMap<>(); // spend per share unit priced (cloudTokensIn, ...)
        for (EngineRun run : engines) {
            String engine = run.engine();
            PriceList.Metering metering = prices.metering().get(engine);
            String billing =
                    !run.inCluster() ? "cloud" : metering == null ? PriceList.Metering.NONE : metering.billing();
            if (billing.equals(PriceList.Metering.NONE)) {
                continue;
            }
            if (billing.equals(PriceList.Metering.DISCONNECTED)) {
                double share = wallHours / prices.hoursPerMonth();
                double cost = round(metering.monthlyFee() * share);
                apiTotal += cost;
                apiSpend.add(new RunCost.Line(
                        "hours",
                        round(wallHours),
                        "commitment:" + engine,
                        engine + " disconnected container, " + "commitment plan",
                        SYMBOL + PriceList.money(metering.monthlyFee()) + " / month",
                        cost,
                        true,
                        billing,
                        engine));
                used.put(
                        "commitment:" + engine,
                        new PricesUsed.Price(
                                "commitment:" + engine,
                                "commitment",
                                engine + " commitment plan (disconnected container)",
                                SYMBOL + PriceList.money(metering.monthlyFee()) + " / month",
                                metering.source(),
                                metering.date(),
                                Boolean.TRUE.equals(metering.verified())));
                continue;
            }
            List<String> keys = prices.apiSpend().getOrDefault(engine, List.of());
            if (keys.isEmpty()) {
                notes.add("engine " + engine + " bills per unit (" + billing + ") but " + prices.source()
                        + " has no api-spend price for it");
            }
            for (String key : keys) {
                PriceList.ServicePrice service = prices.services().get(key);
                String share = run.batch() ? Units.batchShare(service.unit()) : Units.cloudShare(service.unit());
                double quantity = quantities.getOrDefault(share, 0.0);
                double cost = round(service.cost(quantity));
                apiTotal += cost;
                routeCosts.merge(share, cost, Double::sum);
                apiSpend.add(new RunCost.Line(
                        service.unit(),
                        quantity,
                        key,
                        service.name(),
                        service.describe(SYMBOL),
                        cost,
                        true,
                        billing,
                        engine));
                used.put("service:" + key, servicePrice(key, service));
            }
            if (billing.equals(PriceList.Metering.CONNECTED)) {
                notes.add(engine
                        + " ran in the cluster as a connected container: Azure meters it per unit at the service price "
                        + "(pricing.yaml metering." + engine + "), on top of the node-hours");
            }
        }

        List<RunCost.Line> equivalent = new ArrayList<>();
        double cloudTotal = 0;
        Map<String, PriceList.ServicePrice> counted = new LinkedHashMap<>();
        for (String unit : prices.equivalents().keySet()) {
            double quantity = quantities.getOrDefault(unit, 0.0);
            List<String> services = prices.equivalents().getOrDefault(unit, List.of());
            if (quantity <= 0 || services.isEmpty()) {
                continue;
            }
            for (int i = 0; i < services.size(); i++) {
                PriceList.ServicePrice service = prices.services().get(services.get(i));
                double cost = round(service.cost(quantity));
                equivalent.add(new RunCost.Line(
                        unit, quantity, services.get(i), service.name(), service.describe(SYMBOL), cost, i == 0));
                used.put("service:" + services.get(i), servicePrice(services.get(i), service));
                if (i == 0) {
                    cloudTotal += cost;
                    counted.put(unit, service);
                }
            }
        }

        apiTotal = round(apiTotal);
        Double clusterTotal = clusterPriced ? round(clusterSum) : null;
        Double total = clusterPriced ? round(clusterSum + apiTotal) : null;
        Double perThousand = total != null && items > 0 ? round(total / items * 1000) : null;
        RunCost.CloudEquivalent cloud = new RunCost.CloudEquivalent(
                round(cloudTotal), items > 0 ? round(cloudTotal / items * 1000) : null, equivalent);
        Double savings = equivalent.isEmpty() || total == null ? null : round(cloudTotal - total);
        Double savingsPercent = savings == null || cloudTotal == 0 ? null : round(savings / cloudTotal * 100);
        RunCost.BreakEven breakEven = clusterPriced && hourly > 0 && items > 0 && !counted.isEmpty()
                ? breakEven(
                        hourly * prices.hoursPerMonth(), items, itemsPerSecond, quantities, counted, apiTotal / items)
                : null;
        if (breakEven == null && clusterPriced && hourly > 0 && counted.isEmpty()) {
            notes.add("no break-even: the run produced none of the units pricing.yaml's equivalents price ("
                    + String.join(", ", prices.equivalents().keySet()) + ")");
        }
        RunCost.Projection projection = clusterPriced && items > 0
                ? new RunCost.Projection(
                        round(hourly * prices.hoursPerMonth()),
                        itemsPerSecond > 0 && hourly > 0 ? round(itemsPerSecond * 3600 * prices.hoursPerMonth()) : null,
                        apiTotal / items)
                : null;
        List<RunCost.TokenRoute> routes = tokenRoutes(quantities, routeCosts, notes);
        List<String> unverified = used.values().stream()
                .filter(p -> !p.verified())
                .map(PricesUsed.Price::key)
                .toList();
        if (!unverified.isEmpty()) {
            notes.add("unverified prices (estimates, check before deciding): " + String.join(", ", unverified));
        }
        RunCost cost = new RunCost(
                prices.currency(),
                total,
                perThousand,
                new RunCost.Cluster(clusterTotal, poolCosts),
                apiSpend,
                apiTotal,
                cloud,
                savings,
                savingsPercent,
                breakEven,
                projection,
                notes,
                routes);
        return new Priced(
                cost, new PricesUsed(prices.source(), prices.currency(), List.copyOf(used.values()), unverified));
    }

    /**
     * The tokens side by side: in-cluster (the total less both cloud shares), real-time cloud and batch cloud, each
     * with what its spend lines cost. Routes the run did not use are left out; none at all without tokens.
     */
    private static List<RunCost.TokenRoute> tokenRoutes(
            Map<String, Double> quantities, Map<String, Double> routeCosts, List<String> notes) {
        long in = Math.round(quantities.getOrDefault(Units.TOKENS_IN, 0.0));
        long out = Math.round(quantities.getOrDefault(Units.TOKENS_OUT, 0.0));
        if (in + out == 0) {
            return List.of();
        }
        long cloudIn = Math.round(quantities.getOrDefault(Units.CLOUD_TOKENS_IN, 0.0));
        long cloudOut = Math.round(quantities.getOrDefault(Units.CLOUD_TOKENS_OUT, 0.0));
        long batchIn = Math.round(quantities.getOrDefault(Units.BATCH_TOKENS_IN, 0.0));
        long batchOut = Math.round(quantities.getOrDefault(Units.BATCH_TOKENS_OUT, 0.0));
        List<RunCost.TokenRoute> routes = new ArrayList<>();
        long clusterIn = Math.max(0, in - cloudIn - batchIn), clusterOut = Math.max(0, out - cloudOut - batchOut);
        if (clusterIn + clusterOut > 0) {
            routes.add(new RunCost.TokenRoute(RunCost.IN_CLUSTER, clusterIn, clusterOut, null));
        }
        route(
                routes,
                RunCost.CLOUD_REALTIME,
                cloudIn,
                cloudOut,
                Units.CLOUD_TOKENS_IN,
                Units.CLOUD_TOKENS_OUT,
                routeCosts,
                notes);
        route(
                routes,
                RunCost.CLOUD_BATCH,
                batchIn,
                batchOut,
                Units.BATCH_TOKENS_IN,
                Units.BATCH_TOKENS_OUT,
                routeCosts,
                notes);
        return routes;
    }

    private static void route(
            List<RunCost.TokenRoute> routes,
            String route,
            long in,
            long out,
            String inShare,
            String outShare,
            Map<String, Double> routeCosts,
            List<String> notes) {
        if (in + out == 0) {
            return;
        }
        Double cost = null;
        if (routeCosts.containsKey(inShare) || routeCosts.containsKey(outShare)) {
            cost = round(routeCosts.getOrDefault(inShare, 0.0) + routeCosts.getOrDefault(outShare, 0.0));
        } else {
            notes.add(route + " tokens (" + inShare + ", " + outShare + ") were used, but no engine of this run prices "
                    + "them (pricing.yaml api-spend): their cost is unknown, not zero");
        }
        routes.add(new RunCost.TokenRoute(route, in, out, cost));
    }

    private RunCost.BreakEven breakEven(
            double monthlyCluster,
            long items,
            double itemsPerSecond,
            Map<String, Double> quantities,
            Map<String, PriceList.ServicePrice> counted,
            double apiPerItem) {
        Map<String, Double> perItem = new LinkedHashMap<>();
        counted.keySet().forEach(unit -> perItem.put(unit, quantities.get(unit) / items));
        Double capacity = itemsPerSecond > 0 ? itemsPerSecond * 3600 * prices.hoursPerMonth() : null;
        VolumeCosts costs = new VolumeCosts(monthlyCluster, capacity, apiPerItem, perItem, counted);
        double cloudPerItem = costs.cloud(1);

        Double breakEven = null;
        double previous = 1;
        for (double v = 1; v <= 1e12; v *= Math.pow(10, 1 / 50.0)) {
            if (costs.cloud(v) >= costs.cluster(v)) {
                breakEven = bisect(costs, previous, v);
                break;
            }
            previous = v;
        }
        String verdict;
        if (breakEven == null) {
            verdict = "the cloud services are cheaper at every monthly volume (up to 10^12 items)";
        } else if (capacity != null && breakEven > capacity) {
            verdict =
                    "the cluster is cheaper from about %s items a month, more than these pools can do at this run's throughput (%s a month): it needs more pools"
                            .formatted(count(breakEven), count(capacity));
        } else {
            verdict = "the cluster is cheaper from about %s items a month; below that, the cloud services are"
                    .formatted(count(breakEven));
        }
        double center = breakEven != null ? breakEven : (capacity != null ? capacity : 1e6);
        List<RunCost.VolumePoint> curve = new ArrayList<>();
        double low = Math.max(1, center / 100), high = center * 100;
        for (int i = 0; i <= 60; i++) {
            double v = low * Math.pow(high / low, i / 60.0);
            curve.add(new RunCost.VolumePoint(round(v), round(costs.cluster(v)), round(costs.cloud(v))));
        }
        return new RunCost.BreakEven(
                round(monthlyCluster),
                round(cloudPerItem),
                capacity == null ? null : round(capacity),
                breakEven == null ? null : (double) Math.round(breakEven),
                verdict,
                curve);
    }

    private static double bisect(VolumeCosts costs, double below, double above) {
        for (int i = 0; i < 60; i++) {
            double mid = Math.sqrt(below * above);
            if (costs.cloud(mid) >= costs.cluster(mid)) {
                above = mid;
            } else {
                below = mid;
            }
        }
        return above;
    }

    /** Monthly costs at a volume of items: the cluster steps up by a pool each time its capacity is used up. */
    private record VolumeCosts(
            double monthlyCluster,
            Double capacity,
            double apiPerItem,
            Map<String, Double> perItem,
            Map<String, PriceList.ServicePrice> services) {

        double cluster(double items) {
            double pools = capacity == null ? 1 : Math.max(1, Math.ceil(items / capacity));
            return pools * monthlyCluster + apiPerItem * items;
        }

        double cloud(double items) {
            double cost = 0;
            for (Map.Entry<String, Double> unit : perItem.entrySet()) {
                cost += services.get(unit.getKey()).cost(unit.getValue() * items);
            }
            return cost;
        }
    }

    private static PricesUsed.Price servicePrice(String key, PriceList.ServicePrice service) {
        return new PricesUsed.Price(
                key,
                "service",
                service.name(),
                service.describe(SYMBOL),
                service.source(),
                service.date(),
                service.verified());
    }

    private static String count(double value) {
        if (value >= 1e9) {
            return "%.1f billion".formatted(value / 1e9);
        }
        if (value >= 1e6) {
            return "%.1f million".formatted(value / 1e6);
        }
        return "%,d".formatted(Math.round(value));
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
