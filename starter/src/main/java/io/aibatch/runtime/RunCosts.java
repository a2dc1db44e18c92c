package io.aibatch.runtime;

import io.aibatch.cost.CostModel;
import io.aibatch.cost.PoolUsage;
import io.aibatch.cost.PriceList;
import io.aibatch.json.Json;
import io.aibatch.report.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;

/**
 * Prices runs: the pools a run used (configured, a comparison profile's, or sampled from Kubernetes) and the
 * cloud engines it paid per unit, with the prices of pricing.yaml.
 */
public final class RunCosts {

    /** Run option: the node pools of this run as JSON (set by compare from the profile), instead of aibatch.cost.pools. */
    public static final String POOLS_OPTION = "costPools";

    private static final Logger log = LoggerFactory.getLogger(RunCosts.class);

    private final CostModel model;
    private final List<AibatchProperties.Pool> configuredPools;
    private final Map<String, Pipeline> pipelines;

    public RunCosts(AibatchProperties.Cost settings, List<Pipeline> pipelines) {
        this.model = load(settings.pricing()).map(CostModel::new).orElse(null);
        this.configuredPools = settings.pools();
        this.pipelines = pipelines.stream().collect(Collectors.toMap(Pipeline::jobName, Function.identity()));
    }

    /** The report with its cost, or unchanged when there are no prices. */
    public RunReport price(RunReport report, RunParameters run, List<PoolUsage> sampled) {
        if (model == null) {
            return report;
        }
        Pipeline pipeline = pipelines.get(report.job());
        List<CostModel.EngineRun> engines = pipeline == null ? List.of() : pipeline.pricedEngines(run);
        return model.price(report, poolUsage(report, run, sampled), engines, report.steadyOrAverageItemsPerSecond());
    }

    /**
     * What requests waiting for a cloud batch will cost at the run's batch prices (the engines of its pipeline that price
     * the batch share of the units); 0 without prices or without such an engine.
     */
    public double openBatchSpend(String job, RunParameters run, OpenBatchRequests open) {
        Pipeline pipeline = pipelines.get(job);
        if (model == null || pipeline == null || open.items() == 0) {
            return 0;
        }
        return model.price(1, 0, 0, open.units(), List.of(), pipeline.pricedEngines(run))
                .cost()
                .apiSpendTotal();
    }

    /**
     * The pools the run used: sampled, else configured (a comparison profile's own list, even an empty one: a profile
     * that runs wholly in the cloud), else null — no pool known, so the cluster is unpriced rather than free.
     */
    private List<PoolUsage> poolUsage(RunReport report, RunParameters run, List<PoolUsage> sampled) {
        if (!sampled.isEmpty()) {
            return sampled;
        }
        List<AibatchProperties.Pool> configured = pools(run);
        if (configured.isEmpty() && run.option(POOLS_OPTION) == null) {
            return null;
        }
        double hours = report.wallSeconds() / 3600;
        List<PoolUsage> pools = new ArrayList<>();
        for (AibatchProperties.Pool pool : configured) {
            pools.add(new PoolUsage(
                    pool.name(), pool.vmSize(), pool.spot(), pool.nodes(), pool.nodes() * hours, "configured"));
        }
        return pools;
    }

    public List<AibatchProperties.Pool> pools(RunParameters run) {
        String json = run.option(POOLS_OPTION);
        return json == null
                ? configuredPools
                : Json.MAPPER.readValue(json, new TypeReference<List<AibatchProperties.Pool>>() {});
    }

    public static String poolsOption(List<AibatchProperties.Pool> pools) {
        return Json.MAPPER.writeValueAsString(pools);
    }

    private static java.util.Optional<PriceList> load(String pricing) {
        try {
            Path file = Path.of(pricing);
            // plus the prices job modules ship (META-INF/aibatch/pricing/*.yaml); the user's file wins on a duplicate
            // key
            ClassLoader jobs = RunCosts.class.getClassLoader();
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return java.util.Optional.of(PriceList.load(in, file.toString(), jobs));
                }
            }
            try (InputStream packaged = RunCosts.class.getResourceAsStream("/pricing.yaml")) {
                if (packaged != null) {
                    return java.util.Optional.of(PriceList.load(
                            packaged, "pricing.yaml packaged in aibatch.jar (" + pricing + " not found)", jobs));
                }
            }
            log.warn("no price list at {} and none packaged: reports will have no cost", pricing);
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the price list " + pricing + ": " + e.getMessage(), e);
        }
    }
}
