package io.aibatch.cli;

import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.DeadLetterThreshold;
import io.aibatch.runtime.JobDefinitions;
import io.aibatch.runtime.Preflight;
import io.aibatch.runtime.RunLauncher;
import io.aibatch.runtime.RunParameters;
import io.aibatch.runtime.RunPartitionHandler;
import io.aibatch.sink.cosmos.CosmosLocation;
import io.aibatch.source.SourceFilter;
import io.aibatch.store.Locations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        description =
                "Plan a run over the input, process it in parallel slices, write results, dead-letters and report.json.")
class RunCommand implements Callable<Integer> {

    /**
     * The default of {@code --partitions} on every command that starts runs (run, reprocess, compare, k8s submit and
     * schedule): one configuration property, so a run sized on a laptop is sized the same on the cluster.
     */
    static final String PARTITIONS_DEFAULT =
            "Default: aibatch.partitions (4 unless configured), on every command: a failed slice is redone on its own,"
                    + " and a backend sees at most 4 x aibatch.window calls at once; raise it to use more workers.";

    @Parameters(index = "0", paramLabel = JobOptions.JOB, description = "The job to run: one of the jobs listed above.")
    String job;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "DIR|URL",
            description =
                    "Where the items are: a directory, or a blob URL https://<account>.blob.core.windows.net/<container>/<prefix>.")
    String input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR|URL|cosmos://DB/CONTAINER",
            description =
                    "Where results go: a directory or a blob URL (results/, dead-letter/, audit/, report.json), or cosmos://<database>/<container> (needs --staging).")
    String output;

    @Option(
            names = "--staging",
            paramLabel = "DIR",
            description =
                    "Where the manifest, dead-letter/, audit/ and report.json go when --output is a database. Default: --output.")
    String staging;

    @Option(
            names = "--llm-endpoint",
            paramLabel = "URL",
            description = "In-cluster OpenAI-compatible LLM (KAITO/vLLM) base URL; may see restricted documents.")
    String llmEndpoint;

    @Option(
            names = "--llm-locality",
            paramLabel = "WHERE",
            description =
                    "Where the --llm-endpoint runs: auto (default: loopback, private addresses and cluster service names are in-cluster), in-cluster or cloud; cloud is refused.")
    String llmLocality;

    @Option(
            names = "--cloud-llm-endpoint",
            paramLabel = "URL",
            description =
                    "Azure OpenAI endpoint for summaries of unrestricted documents (key: env AZURE_OPENAI_API_KEY, else Azure identity).")
    String cloudLlmEndpoint;

    @Option(
            names = "--cloud-llm-deployment",
            paramLabel = "NAME",
            description = "Azure OpenAI deployment name (with --cloud-llm-endpoint).")
    String cloudLlmDeployment;

    @ArgGroup(exclusive = false, heading = "Listing filters (override aibatch.source.*):%n")
    FilterOptions filters = new FilterOptions();

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "Slices to split the run into: threads, worker processes or pods (--partition-handler). "
                    + PARTITIONS_DEFAULT)
    Integer partitions;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            description = "Name of this run, used to restart it (default: generated).")
    String runId;

    @Option(
            names = "--partition-handler",
            paramLabel = "KIND",
            description =
                    "Where slices run: threads (this JVM, default), processes (one worker JVM per slice) or kubernetes (pods of an Indexed Job); the last two need --job-repository.")
    String partitionHandler;

    @Option(
            names = "--max-dead-letter-ratio",
            paramLabel = "R",
            description =
                    "Fail the run when more than this share of its items was dead-lettered (checked once 50 items are done; "
                            + "1 disables). Default: aibatch.max-dead-letter-ratio (0.5).")
    Double maxDeadLetterRatio;

    @Option(names = "--skip-preflight", description = "Do not probe the run's endpoints before planning.")
    boolean skipPreflight;

    @Option(
            names = "--resume",
            description =
                    "If the run id exists and did not complete, restart it instead of failing (what a manager pod does).")
    boolean resume;

    @Option(
            names = "--since-last-success",
            description =
                    "Process only items new or changed since the last completed --since-last-success run of this job on this input"
                            + " (a watermark of last-modified times and etags in the job repository, advanced when the run completes).")
    boolean sinceLastSuccess;

    @Option(
            names = "--budget-usd",
            paramLabel = "USD",
            description =
                    "Stop the run (exit 3, reason budget) before its projected spend would exceed this many US dollars: the "
                            + "cluster where priced (an unpriced cluster counts as 0) + metering and API spend + the items in flight.")
    String budgetUsd;

    @Mixin
    RepositoryOptions repository;

    @Spec
    CommandSpec spec;

    /** Engine choices recorded with the run, so that restarts and workers use the same ones. */
    private Map<String, String> options(SourceFilter filter, Map<String, String> jobOptions) {
        Map<String, String> options = new LinkedHashMap<>(jobOptions);
        if (!filter.equals(SourceFilter.none())) {
            Map.Entry<String, String> recorded = RunParameters.sourceFilterOption(filter);
            options.put(recorded.getKey(), recorded.getValue());
        }
        putIfSet(options, RunPartitionHandler.OPTION, partitionHandler);
        putIfSet(options, RunParameters.STAGING, staging);
        putIfSet(options, RunParameters.LLM_ENDPOINT, llmEndpoint);
        putIfSet(options, RunParameters.LLM_LOCALITY, llmLocality);
        putIfSet(options, RunParameters.CLOUD_LLM_ENDPOINT, cloudLlmEndpoint);
        putIfSet(options, RunParameters.CLOUD_LLM_DEPLOYMENT, cloudLlmDeployment);
        putIfSet(options, io.aibatch.runtime.BudgetGuard.OPTION, budgetUsd);
        if (maxDeadLetterRatio != null) {
            options.put(DeadLetterThreshold.OPTION, maxDeadLetterRatio.toString());
        }
        return options;
    }

    private static void putIfSet(Map<String, String> options, String name, String value) {
        if (value != null) {
            options.put(name, value);
        }
    }

    @Override
    public Integer call() throws Exception {
        JobDefinitions jobs = JobDefinitions.onClassPath();
        Map<String, String> jobOptions =
                JobOptions.values(spec, jobs, jobs.get(job)); // usage errors before any context starts
        Locations.check(input, "--input");
        if (!io.aibatch.blob.BlobLocation.isUrl(input)) {
            // found here, it is a usage error in one line; found by the plan step, a failed run and a stack trace
            java.nio.file.Path path = java.nio.file.Path.of(input);
            boolean file = java.nio.file.Files.isRegularFile(path);
            if (!java.nio.file.Files.isDirectory(path)
                    && !(file && jobs.get(job).readsSingleFiles())) {
                throw new IllegalArgumentException("--input " + input
                        + (file ? " is a file; " + job + " reads a directory or a blob URL" : " does not exist"));
            }
        }
        if (!CosmosLocation.matches(output)) {
            Locations.check(output, "--output");
        }
        if (staging != null) {
            Locations.check(staging, "--staging");
        }
        try (ConfigurableApplicationContext context = SpringContexts.open(repository)) {
            AibatchProperties properties = context.getBean(AibatchProperties.class);
            String id = runId != null ? runId : RunIds.generate(job);
            int slices = partitions != null ? partitions : properties.partitions();
            if (slices < 1) {
                throw new IllegalArgumentException("--partitions must be at least 1 but was " + slices);
            }
            if (CosmosLocation.matches(output) && (staging == null || staging.isBlank())) {
                throw new IllegalArgumentException(
                        "--output " + output + " writes results to Cosmos DB; give --staging DIR for the manifest, "
                                + "dead-letters, audit trail and report");
            }
            if (CosmosLocation.matches(output)) {
                // refuses a Cosmos endpoint with credentials in its URL before anything is planned
                io.aibatch.sink.cosmos.CosmosSettings.resolve(
                        properties.cosmos().endpoint(),
                        properties.cosmos().key(),
                        properties.cosmos().partitionKeyPath(),
                        0);
            }
            if ((cloudLlmEndpoint == null) != (cloudLlmDeployment == null)) {
                throw new IllegalArgumentException("--cloud-llm-endpoint and --cloud-llm-deployment go together");
            }
            SourceFilter filter = filters.over(properties.source().filter());
            System.out.println("run id: " + id);
            RunLauncher launcher = context.getBean(RunLauncher.class);
            if (resume && launcher.lastExecution(id).isPresent()) {
                if (!skipPreflight) {
                    JobExecution last = launcher.lastExecution(id).get();
                    context.getBean(Preflight.class)
                            .check(last.getJobInstance().getJobName(), RunParameters.from(last.getJobParameters()));
                }
                JobExecution resumed = launcher.restart(id, overrides(), false);
                return RunSummaries.exit(id, resumed, context, System.out);
            }
            Map<String, String> options = options(filter, jobOptions);
            options.putAll(runKindOptions(launcher, properties, filter));
            RunParameters parameters =
                    new RunParameters(id, input, output, slices, properties.pipelineVersion(), options);
            io.aibatch.runtime.BudgetGuard.limit(parameters);
            if (!skipPreflight) {
                launcher.validate(job, parameters); // a wrong option is a usage error before it is a probe
                context.getBean(Preflight.class).check(job, parameters);
            }
            JobExecution execution = launcher.start(job, parameters);
            return RunSummaries.exit(id, execution, context, System.out);
        }
    }

    /** Options a resumed run takes from this command line instead of from its first start. */
    private Map<String, String> overrides() {
        return maxDeadLetterRatio == null
                ? Map.of()
                : Map.of(DeadLetterThreshold.OPTION, maxDeadLetterRatio.toString());
    }

    /**
     * Options that make this a particular kind of run: {@code run --since-last-success} an incremental one;
     * {@code reprocess} overrides this with its selectors. Called only for a new run, not for a resumed one.
     */
    Map<String, String> runKindOptions(RunLauncher launcher, AibatchProperties properties, SourceFilter filter) {
        if (!sinceLastSuccess) {
            return Map.of();
        }
        if (filter.modifiedBefore() != null) {
            throw new IllegalArgumentException(
                    "--since-last-success cannot be combined with --modified-before (or aibatch.source.modified-before):"
                            + " items modified after it would never be processed, because the watermark moves past them");
        }
        return Map.of(RunParameters.SINCE_LAST_SUCCESS, "true");
    }

    /** Each option given replaces the configured value of that criterion; the others keep theirs. */
    static final class FilterOptions {

        @Option(
                names = "--include-suffix",
                split = ",",
                paramLabel = "SUFFIX",
                description = "Take only names ending in one of these (case-insensitive), e.g. .pdf,.png.")
        List<String> includeSuffixes;

        @Option(
                names = "--content-type",
                split = ",",
                paramLabel = "TYPE",
                description =
                        "Take only blobs with one of these content types, e.g. application/pdf or image/* (blob sources only).")
        List<String> contentTypes;

        @Option(names = "--min-size", paramLabel = "SIZE", description = "Smallest item to take, e.g. 1KB.")
        String minSize;

        @Option(names = "--max-size", paramLabel = "SIZE", description = "Largest item to take, e.g. 50MB.")
        String maxSize;

        @Option(
                names = "--modified-after",
                paramLabel = "TIME",
                description = "Take items last modified at or after this time: 2026-01-31 or 2026-01-31T12:00:00Z.")
        String modifiedAfter;

        @Option(
                names = "--modified-before",
                paramLabel = "TIME",
                description = "Take items last modified before this time.")
        String modifiedBefore;

        SourceFilter over(SourceFilter configured) {
            return new SourceFilter(
                    includeSuffixes != null ? includeSuffixes : configured.includeSuffixes(),
                    contentTypes != null ? contentTypes : configured.contentTypes(),
                    minSize != null ? (Long) bytes(minSize, "--min-size") : configured.minSize(),
                    maxSize != null ? (Long) bytes(maxSize, "--max-size") : configured.maxSize(),
                    modifiedAfter != null
                            ? SourceFilter.parseTime(modifiedAfter, "--modified-after")
                            : configured.modifiedAfter(),
                    modifiedBefore != null
                            ? SourceFilter.parseTime(modifiedBefore, "--modified-before")
                            : configured.modifiedBefore());
        }

        private static long bytes(String size, String option) {
            try {
                return DataSize.parse(size.trim()).toBytes();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        option + " '" + size + "' is not a size; use e.g. 500, 10KB or 64MB");
            }
        }
    }
}
