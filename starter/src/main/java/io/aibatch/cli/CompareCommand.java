package io.aibatch.cli;

import io.aibatch.report.Comparison;
import io.aibatch.report.render.RunReportDocument;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.ComparisonRunner;
import io.aibatch.runtime.ExitCodes;
import io.aibatch.store.Locations;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "compare",
        description =
                "Run a job over the same input once per backend profile (aibatch.compare.profiles) and write "
                        + "comparison.json, comparison.md and comparison.html side by side. Cloud profiles only get items an in-cluster profile found unrestricted.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = JobOptions.JOB, description = "The job to run: one of the jobs listed above.")
    String job;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "DIR|URL",
            description = "The sample: a directory or a blob URL.")
    String input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR|URL",
            description = "Where comparison.{json,md,html} go; each profile's run writes to <output>/<profile>/.")
    String output;

    @Option(
            names = "--profile",
            required = true,
            paramLabel = "NAME",
            description = "A profile of aibatch.compare.profiles; give two or more (--profile a --profile b).")
    List<String> profiles;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "Slices of each profile's run. " + RunCommand.PARTITIONS_DEFAULT)
    Integer partitions;

    @Option(
            names = "--comparison-id",
            paramLabel = "ID",
            description = "Name of the comparison; profile runs are <id>-<profile> (default: generated).")
    String comparisonId;

    @Option(
            names = "--warm-up-items",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Each profile's first N committed items are its warm-up, excluded from its steady throughput and latency "
                            + "(default ${DEFAULT-VALUE}: the warm-up ends with each profile's first committed chunk).")
    long warmUpItems;

    @Option(
            names = "--warm-up-seconds",
            paramLabel = "S",
            defaultValue = "0",
            description = "Each profile's first S seconds are its warm-up instead (takes precedence over "
                    + "--warm-up-items when above 0). Default: ${DEFAULT-VALUE}")
    double warmUpSeconds;

    @Option(
            names = "--monthly-items",
            paramLabel = "N",
            description =
                    "Project each profile's monthly cost at N items a month (pools kept up all month, + a pool per capacity step, "
                            + "+ per-item metering and API spend). Default: no projection.")
    Long monthlyItems;

    @Option(names = "--skip-preflight", description = "Do not probe the profiles' endpoints before the first run.")
    boolean skipPreflight;

    @Mixin
    RepositoryOptions repository;

    @Override
    public Integer call() throws Exception {
        Locations.check(input, "--input");
        Locations.check(output, "--output");
        ComparisonRunner.Terms terms = new ComparisonRunner.Terms(warmUpItems, warmUpSeconds, monthlyItems);
        try (ConfigurableApplicationContext context = SpringContexts.open(repository)) {
            AibatchProperties properties = context.getBean(AibatchProperties.class);
            String id = comparisonId != null ? comparisonId : RunIds.generate("compare-" + job);
            System.out.println("comparison id: " + id);
            Comparison comparison = context.getBean(ComparisonRunner.class)
                    .compare(
                            id,
                            job,
                            input,
                            output,
                            partitions != null ? partitions : properties.partitions(),
                            profiles,
                            terms,
                            skipPreflight ? null : context.getBean(io.aibatch.runtime.Preflight.class));
            int exit = ExitCodes.COMPLETED;
            for (Comparison.Profile profile : comparison.profiles()) {
                System.out.println(profile.name() + ": " + RunReportDocument.answer(profile.report()));
                if (!"COMPLETED".equals(profile.report().status())) {
                    exit = Math.max(exit, failureExit(context, profile));
                }
            }
            System.out.println("comparison: " + output + "/" + ComparisonRunner.JSON + " (.md, .html)");
            return exit;
        }
    }

    /**
     * A profile whose backend refused its configuration makes the comparison exit 78, like a run; any other failure 1.
     * (78 outranks 1 when profiles fail differently: the operator must fix the configuration first.)
     */
    private static int failureExit(ConfigurableApplicationContext context, Comparison.Profile profile) {
        var repository = context.getBean(org.springframework.batch.core.repository.JobRepository.class);
        return context.getBean(io.aibatch.runtime.RunLauncher.class)
                .lastExecution(profile.runId())
                .flatMap(execution -> io.aibatch.runtime.RunFailures.of(execution, repository))
                .map(reason -> {
                    System.err.println("aibatch: profile " + profile.name() + ": " + reason.message());
                    return reason.exitCode();
                })
                .orElse(ExitCodes.FAILED);
    }
}
