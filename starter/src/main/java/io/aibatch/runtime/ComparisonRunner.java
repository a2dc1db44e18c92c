package io.aibatch.runtime;

import io.aibatch.engine.Locality;
import io.aibatch.json.Json;
import io.aibatch.report.Comparison;
import io.aibatch.report.RunReport;
import io.aibatch.report.render.ComparisonDocument;
import io.aibatch.report.render.Document;
import io.aibatch.report.render.HtmlRenderer;
import io.aibatch.report.render.MarkdownRenderer;
import io.aibatch.routing.ClearedItems;
import io.aibatch.sink.ChunkOutputWriter;
import io.aibatch.sink.cosmos.CosmosLocation;
import io.aibatch.store.Locations;
import io.aibatch.store.OutputStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import tools.jackson.databind.JsonNode;

/**
 * Runs one job over the same input once per backend profile (sequentially, sub-run ids {@code <id>-<profile>},
 * outputs {@code <output>/<profile>/}) and writes {@code comparison.json}, {@code .md} and {@code .html}.
 * <p>
 * Restricted content never reaches a cloud engine: profiles whose first engine is in the cloud (a cloud OCR endpoint)
 * run after the in-cluster ones and get only the items the first in-cluster profile's enrichment found
 * unrestricted ({@link ClearedItems}: their listing is filtered, and the OCR engine refuses anything else). Without an
 * in-cluster profile that classifies, a comparison with a cloud profile is refused.
 */
public final class ComparisonRunner {

    public static final String JSON = "comparison.json";
    public static final String MARKDOWN = "comparison.md";
    public static final String HTML = "comparison.html";
    static final String CLEARED_DIRECTORY = "_compare";

    private static final Logger log = LoggerFactory.getLogger(ComparisonRunner.class);

    private final RunLauncher launcher;
    private final Map<String, Pipeline> pipelines;
    private final AibatchProperties properties;
    private final JobDefinitions definitions;

    public ComparisonRunner(
            RunLauncher launcher, List<Pipeline> pipelines, AibatchProperties properties, JobDefinitions definitions) {
        this.launcher = launcher;
        this.definitions = definitions;
        this.pipelines = new LinkedHashMap<>();
        pipelines.forEach(p -> this.pipelines.put(p.jobName(), p));
        this.properties = properties;
    }

    private record Planned(
            String job, String name, AibatchProperties.Profile profile, RunParameters run, Locality locality) {}

    public Comparison compare(
            String comparisonId, String job, String input, String output, int partitions, List<String> profileNames)
            throws Exception {
        return compare(comparisonId, job, input, output, partitions, profileNames, new Terms(0, 0, null));
    }

    /**
     * Terms every profile is measured on.
     *
     * @param warmUpItems   items each profile commits before its steady state (0 with 0 seconds: until its first commit)
     * @param warmUpSeconds seconds from each profile's start before its steady state (takes precedence over items)
     * @param monthlyItems  the monthly volume to project each profile's cost at, or null
     */
    public record Terms(long warmUpItems, double warmUpSeconds, Long monthlyItems) {
        public Terms {
            if (warmUpItems < 0 || warmUpSeconds < 0 || Double.isNaN(warmUpSeconds)) {
                throw new IllegalArgumentException("--warm-up-items and --warm-up-seconds must be >= 0");
            }
            if (monthlyItems != null && monthlyItems <= 0) {
                throw new IllegalArgumentException("--monthly-items must be > 0, got " + monthlyItems);
            }
        }

        String describe() {
            return io.aibatch.report.WarmUp.describe(warmUpItems, warmUpSeconds);
        }
    }

    public Comparison compare(
            String comparisonId,
            String job,
            String input,
            String output,
            int partitions,
            List<String> profileNames,
            Terms terms)
            throws Exception {
        return compare(comparisonId, job, input, output, partitions, profileNames, terms, null);
    }

    /** @param preflight probes every profile's endpoints before the first profile runs; null skips it */
    public Comparison compare(
            String comparisonId,
            String job,
            String input,
            String output,
            int partitions,
            List<String> profileNames,
            Terms terms,
            Preflight preflight)
            throws Exception {
        Pipeline pipeline = pipelines.get(job);
        if (pipeline == null) {
            throw new IllegalArgumentException(
                    "unknown job '" + job + "'; available: " + String.join(", ", pipelines.keySet()));
        }
        if (profileNames.size() < 2 || Set.copyOf(profileNames).size() != profileNames.size()) {
            throw new IllegalArgumentException(
                    "compare needs two or more different --profile names, got " + profileNames);
        }
        if (CosmosLocation.matches(output)) {
            throw new IllegalArgumentException(
                    "compare writes each profile's results under --output; give a directory or blob URL");
        }
        List<Planned> inCluster = new ArrayList<>();
        List<Planned> cloud = new ArrayList<>();
        for (String name : profileNames) {
            AibatchProperties.Profile profile = properties.compare().profiles().get(name);
            if (profile == null) {
                throw new IllegalArgumentException("no profile '" + name
                        + "' under aibatch.compare.profiles; configured: "
                        + String.join(", ", properties.compare().profiles().keySet()));
            }
            Map<String, String> options = options(job, name, profile);
            if (terms.warmUpSeconds() > 0) {
                options.put(io.aibatch.report.WarmUp.SECONDS_OPTION, String.valueOf(terms.warmUpSeconds()));
            } else if (terms.warmUpItems() > 0) {
                options.put(io.aibatch.report.WarmUp.ITEMS_OPTION, String.valueOf(terms.warmUpItems()));
            }
            RunParameters run = new RunParameters(
                    comparisonId + "-" + name,
                    input,
                    output + "/" + name,
                    partitions,
                    properties.pipelineVersion(),
                    options);
            pipeline.validate(withClearance(run, output)); // a cloud profile is valid once it has cleared items
            Planned planned = new Planned(job, name, profile, run, pipeline.firstEngineLocality(run));
            (planned.locality() == Locality.CLOUD ? cloud : inCluster).add(planned);
        }
        if (!cloud.isEmpty() && inCluster.isEmpty()) {
            throw new IllegalArgumentException(
                    "profiles " + cloud.stream().map(Planned::name).toList() + " send documents to a cloud engine "
                            + "before anything has checked them; add an in-cluster profile (it runs first and decides which items are unrestricted)");
        }
        if (!cloud.isEmpty() && !pipeline.clearsItems()) {
            throw new IllegalArgumentException(
                    "profiles " + cloud.stream().map(Planned::name).toList() + " send content to a cloud engine, "
                            + "but job " + job
                            + " runs no restriction check that could clear items for it (the job has none, or its "
                            + "configuration turns it off); compare in-cluster profiles only");
        }
        if (preflight != null) {
            for (Planned planned : inCluster) {
                preflight.check(job, planned.run());
            }
            for (Planned planned : cloud) {
                preflight.check(job, planned.run());
            }
        }
        Instant started = Instant.now();
        List<Comparison.Profile> results = new ArrayList<>();
        Comparison.RestrictedItems restricted = new Comparison.RestrictedItems(
                null, 0, 0, "every profile is in-cluster, so every profile got every item");
        for (Planned planned : inCluster) {
            results.add(run(planned, "all", output));
        }
        if (!cloud.isEmpty()) {
            Planned clearing = inCluster.get(0);
            Clearance clearance = clearance(clearing.run());
            OutputStore compareStore = Locations.output(output + "/" + CLEARED_DIRECTORY);
            ClearedItems.of(clearance.unrestricted()).write(compareStore);
            restricted = new Comparison.RestrictedItems(
                    clearing.name(),
                    clearance.unrestricted().size(),
                    clearance.excluded(),
                    ("cloud profiles %s got only the %d items profile '%s' found unrestricted; %d restricted or unclassified items "
                                    + "(and dead-lettered ones) never left the cluster, so their numbers cover fewer items than the in-cluster profiles'")
                            .formatted(
                                    cloud.stream().map(Planned::name).toList(),
                                    clearance.unrestricted().size(),
                                    clearing.name(),
                                    clearance.excluded()));
            log.info("comparison {}: {}", comparisonId, restricted.explanation());
            for (Planned planned : cloud) {
                results.add(run(
                        new Planned(
                                job,
                                planned.name(),
                                planned.profile(),
                                withClearance(planned.run(), output),
                                planned.locality()),
                        "cleared",
                        output));
            }
        }
        // listed in the order the user gave (they ran in-cluster first)
        results.sort(java.util.Comparator.comparingInt(p -> profileNames.indexOf(p.name())));
        Comparison comparison = new Comparison(
                comparisonId,
                job,
                input,
                output,
                started,
                Instant.now(),
                restricted,
                results,
                terms.describe(),
                terms.monthlyItems());
        write(Locations.output(output), comparison);
        return comparison;
    }

    public static void write(OutputStore store, Comparison comparison) throws IOException {
        store.write(JSON, Json.PRETTY.writeValueAsBytes(comparison));
        Document document = ComparisonDocument.of(comparison);
        store.write(MARKDOWN, MarkdownRenderer.render(document).getBytes(StandardCharsets.UTF_8));
        store.write(HTML, HtmlRenderer.render(document).getBytes(StandardCharsets.UTF_8));
    }

    private Comparison.Profile run(Planned planned, String itemSet, String output) throws Exception {
        log.info(
                "comparison: profile {} ({}) as run {}",
                planned.name(),
                planned.locality(),
                planned.run().runId());
        JobExecution execution = launcher.start(planned.job(), planned.run());
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            log.warn("profile {} ended {}; the comparison shows how far it got", planned.name(), execution.getStatus());
        }
        RunReport report = readReport(Locations.output(planned.run().files()));
        Map<String, String> shown = new LinkedHashMap<>(planned.profile().options());
        return new Comparison.Profile(
                planned.name(),
                planned.profile().description(),
                planned.locality().name(),
                itemSet,
                shown,
                planned.run().runId(),
                planned.run().output(),
                report);
    }

    private record Clearance(List<String> unrestricted, long excluded) {}

    /** The items the in-cluster profile's enrichment found unrestricted, by id. */
    private static Clearance clearance(RunParameters inCluster) throws IOException {
        OutputStore store = Locations.output(inCluster.files());
        List<String> unrestricted = new ArrayList<>();
        long excluded = 0;
        boolean classified = false;
        for (String name : store.list(ChunkOutputWriter.RESULTS)) {
            try (InputStream in = store.open(ChunkOutputWriter.RESULTS + "/" + name, 0);
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode result = Json.MAPPER.readTree(line);
                    JsonNode restricted = result.get("restricted");
                    if (restricted != null && restricted.isBoolean()) {
                        classified = true;
                    }
                    if (restricted != null && restricted.isBoolean() && !restricted.asBoolean()) {
                        unrestricted.add(result.get("id").asString());
                    } else {
                        excluded++;
                    }
                }
            }
        }
        if (!classified && excluded > 0) {
            throw new IllegalStateException("profile run " + inCluster.runId()
                    + " recorded no restriction check (is aibatch.document.enrichment off?); "
                    + "without it no item can be cleared for a cloud engine, so the cloud profiles were not run");
        }
        return new Clearance(unrestricted, excluded);
    }

    private static RunParameters withClearance(RunParameters run, String output) {
        Map<String, String> options = new LinkedHashMap<>(run.options());
        options.put(RunParameters.CLEARED_ITEMS, output + "/" + CLEARED_DIRECTORY);
        return new RunParameters(
                run.runId(), run.input(), run.output(), run.partitions(), run.pipelineVersion(), options);
    }

    /** A profile's options are run options as the command line spells them: the shared ones and the job's own. */
    private Map<String, String> options(String job, String name, AibatchProperties.Profile profile) {
        java.util.SortedSet<String> known = new java.util.TreeSet<>(RunOptions.PROFILE_OPTIONS);
        definitions.find(job).ifPresent(definition -> definition.options().forEach(option -> known.add(option.name())));
        Map<String, String> options = new LinkedHashMap<>();
        profile.options().forEach((option, value) -> {
            if (!known.contains(option)) {
                throw new IllegalArgumentException("profile " + name + ": unknown option '" + option + "' for job "
                        + job + "; known: " + String.join(", ", known));
            }
            options.put(option, value);
        });
        if (profile.pools() != null) {
            options.put(RunCosts.POOLS_OPTION, RunCosts.poolsOption(profile.pools()));
        }
        return options;
    }

    private static RunReport readReport(OutputStore store) throws IOException {
        try (InputStream in = store.open(RunReportFiles.JSON, 0)) {
            return Json.MAPPER.readValue(in, RunReport.class);
        }
    }
}
