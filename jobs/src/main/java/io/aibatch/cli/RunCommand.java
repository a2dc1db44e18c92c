package io.aibatch.cli;

import io.aibatch.jobs.AibatchProperties;
import io.aibatch.jobs.RunLauncher;
import io.aibatch.jobs.RunParameters;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import io.aibatch.source.SourceFilter;
import io.aibatch.store.Locations;
import org.springframework.util.unit.DataSize;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", description = "Plan a run over the input, process it in parallel slices, write results, dead-letters and report.json.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<job>", description = "The job to run, e.g. document-pipeline.")
    String job;

    @Option(names = "--input", required = true, paramLabel = "DIR|URL",
            description = "Where the items are: a directory, or a blob URL https://<account>.blob.core.windows.net/<container>/<prefix>.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "DIR|URL",
            description = "Where results/, dead-letter/ and report.json go: a directory or a blob URL.")
    String output;

    @ArgGroup(exclusive = false, heading = "Listing filters (override aibatch.source.*):%n")
    FilterOptions filters = new FilterOptions();

    @Option(names = "--partitions", paramLabel = "N", description = "Slices to split the run into (default: aibatch.partitions).")
    Integer partitions;

    @Option(names = "--run-id", paramLabel = "ID", description = "Name of this run, used to restart it (default: generated).")
    String runId;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() throws Exception {
        Locations.check(input, "--input");
        Locations.check(output, "--output");
        try (ConfigurableApplicationContext context = SpringContexts.open(repository)) {
            AibatchProperties properties = context.getBean(AibatchProperties.class);
            String id = runId != null ? runId : RunIds.generate(job);
            int slices = partitions != null ? partitions : properties.partitions();
            if (slices < 1) {
                throw new IllegalArgumentException("--partitions must be at least 1 but was " + slices);
            }
            SourceFilter filter = filters.over(properties.source().filter());
            System.out.println("run id: " + id);
            JobExecution execution = context.getBean(RunLauncher.class)
                    .start(job, new RunParameters(id, input, output, slices, properties.pipelineVersion(), filter));
            RunSummaries.print(id, execution, System.out);
            return ExitCodes.of(execution.getStatus());
        }
    }

    /** Each option given replaces the configured value of that criterion; the others keep theirs. */
    static final class FilterOptions {

        @Option(names = "--include-suffix", split = ",", paramLabel = "SUFFIX",
                description = "Take only names ending in one of these (case-insensitive), e.g. .pdf,.png.")
        List<String> includeSuffixes;

        @Option(names = "--content-type", split = ",", paramLabel = "TYPE",
                description = "Take only blobs with one of these content types, e.g. application/pdf or image/* (blob sources only).")
        List<String> contentTypes;

        @Option(names = "--min-size", paramLabel = "SIZE", description = "Smallest item to take, e.g. 1KB.")
        String minSize;

        @Option(names = "--max-size", paramLabel = "SIZE", description = "Largest item to take, e.g. 50MB.")
        String maxSize;

        @Option(names = "--modified-after", paramLabel = "TIME",
                description = "Take items last modified at or after this time: 2026-01-31 or 2026-01-31T12:00:00Z.")
        String modifiedAfter;

        @Option(names = "--modified-before", paramLabel = "TIME", description = "Take items last modified before this time.")
        String modifiedBefore;

        SourceFilter over(SourceFilter configured) {
            return new SourceFilter(
                    includeSuffixes != null ? includeSuffixes : configured.includeSuffixes(),
                    contentTypes != null ? contentTypes : configured.contentTypes(),
                    minSize != null ? (Long) bytes(minSize, "--min-size") : configured.minSize(),
                    maxSize != null ? (Long) bytes(maxSize, "--max-size") : configured.maxSize(),
                    modifiedAfter != null ? SourceFilter.parseTime(modifiedAfter, "--modified-after") : configured.modifiedAfter(),
                    modifiedBefore != null ? SourceFilter.parseTime(modifiedBefore, "--modified-before") : configured.modifiedBefore());
        }

        private static long bytes(String size, String option) {
            try {
                return DataSize.parse(size.trim()).toBytes();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " '" + size + "' is not a size; use e.g. 500, 10KB or 64MB");
            }
        }
    }
}
