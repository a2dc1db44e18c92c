package io.aibatch.cli;

import io.aibatch.blob.BlobLocation;
import io.aibatch.reprocess.ReprocessSelection;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.RunLauncher;
import io.aibatch.runtime.RunParameters;
import io.aibatch.sink.cosmos.CosmosLocation;
import io.aibatch.source.SourceFilter;
import io.aibatch.store.Locations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reprocess <job> ...}: a new run over a selection of the input, after a model or pipeline upgrade or once a
 * backend works again. Everything {@code run} takes applies; the selectors decide which listed items are planned.
 * The run writes to its own {@code --output} (a new location for files; the same Cosmos DB container, where results
 * replace the earlier ones by id).
 */
@Command(
        name = "reprocess",
        description = "Run a job again over selected items: by name prefix, last-modified range, an earlier run's"
                + " dead-letters, results of another pipeline version, or a list. Writes a new run (its own --output, or the same Cosmos DB"
                + " container, where results replace the earlier ones by id).")
final class ReprocessCommand extends RunCommand {

    @Option(
            names = "--prefix",
            split = ",",
            paramLabel = "PREFIX",
            description = "Take only names (below --input) starting with one of these, e.g. invoices/2026-01/.")
    List<String> prefixes;

    @Option(
            names = "--from-dead-letter",
            paramLabel = "RUN-ID|DIR|URL",
            description =
                    "Take the items that run dead-lettered (its dead-letter/ files), or those in the dead-letter/ of this output location.")
    String fromDeadLetter;

    @Option(
            names = "--older-than-version",
            paramLabel = "RUN-ID|DIR|URL",
            description =
                    "Take the items whose result in that run's output (or in this output location) was made by another"
                            + " pipeline version than the current aibatch.pipeline-version.")
    String olderThanVersion;

    @Option(
            names = "--list",
            paramLabel = "FILE|URL",
            description =
                    "Take the items named in this file, one per line: a source as results record it, or a name below --input.")
    String list;

    @Override
    Map<String, String> runKindOptions(RunLauncher launcher, AibatchProperties properties, SourceFilter filter) {
        if (sinceLastSuccess) {
            throw new IllegalArgumentException(
                    "--since-last-success belongs to 'run'; reprocess selects with --prefix, --modified-after,"
                            + " --modified-before, --from-dead-letter, --older-than-version or --list");
        }
        String deadLettersIn = null;
        String deadLettersOfRun = null;
        if (fromDeadLetter != null) {
            Referenced referenced = resolve(fromDeadLetter, "--from-dead-letter", launcher);
            deadLettersIn = referenced.files();
            deadLettersOfRun = referenced.runId();
            refuseOverwriting(referenced, "--from-dead-letter");
        }
        String resultsIn = null;
        String resultsOfRun = null;
        if (olderThanVersion != null) {
            Referenced referenced = resolve(olderThanVersion, "--older-than-version", launcher);
            if (CosmosLocation.matches(referenced.output())) {
                throw new IllegalArgumentException("--older-than-version reads results files, but run "
                        + referenced.runId()
                        + " wrote its results to " + referenced.output()
                        + "; select them with --list FILE instead (e.g. the sources of"
                        + " SELECT c.source FROM c WHERE c.pipelineVersion != '" + properties.pipelineVersion() + "')");
            }
            resultsIn = referenced.output();
            resultsOfRun = referenced.runId();
            refuseOverwriting(referenced, "--older-than-version");
        }
        String listLocation = null;
        if (list != null) {
            if (BlobLocation.isUrl(list)) {
                BlobLocation.parse(list, "--list");
                listLocation = list;
            } else {
                Path file = Path.of(list).toAbsolutePath().normalize();
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("--list " + list + " is not a file");
                }
                listLocation = file.toString();
            }
        }
        ReprocessSelection selection = new ReprocessSelection(
                prefixes, deadLettersIn, deadLettersOfRun, resultsIn, resultsOfRun, listLocation);
        if (selection.isEmpty() && filter.modifiedAfter() == null && filter.modifiedBefore() == null) {
            throw new IllegalArgumentException(
                    "reprocess needs a selector: --prefix, --modified-after, --modified-before, --from-dead-letter,"
                            + " --older-than-version or --list (to process the whole input again, use 'run')");
        }
        Map.Entry<String, String> recorded = RunParameters.selectionOption(selection);
        return Map.of(recorded.getKey(), recorded.getValue());
    }

    /**
     * The run (or output location) a selector refers to.
     *
     * @param runId  the run's id, or null when a location was given
     * @param output where its results are (its --output, or the location given)
     * @param files  where its dead-letters are (its --staging, else --output; or the location given)
     */
    private record Referenced(String runId, String output, String files) {}

    /** A value that is a blob URL or an existing directory is a location; anything else must be a run id in the repository. */
    private static Referenced resolve(String value, String option, RunLauncher launcher) {
        if (BlobLocation.isUrl(value)) {
            BlobLocation.parse(value, option);
            return new Referenced(null, value, value);
        }
        if (Files.isDirectory(Path.of(value))) {
            String location = Path.of(value).toAbsolutePath().normalize().toString();
            return new Referenced(null, location, location);
        }
        Optional<JobExecution> run = launcher.lastExecution(value);
        if (run.isEmpty()) {
            throw new IllegalArgumentException(
                    option + " " + value + " is neither a run id in this job repository nor an existing"
                            + " directory or blob URL; check --work-dir / --job-repository, or give the run's output location");
        }
        RunParameters parameters = RunParameters.from(run.get().getJobParameters());
        System.out.printf(
                "%s: run %s (%s), output %s%n", option, value, run.get().getStatus(), parameters.output());
        return new Referenced(value, parameters.output(), parameters.files());
    }

    /**
     * A reprocess run writes chunk files with the same names as the run it reprocesses (slice-0000-...); in the same
     * location they would replace that run's results of items that are not reprocessed.
     */
    private void refuseOverwriting(Referenced referenced, String option) {
        String files = staging != null && !staging.isBlank() ? staging : output;
        for (String theirs : List.of(referenced.files(), referenced.output())) {
            if (Locations.sameLocation(files, theirs)) {
                throw new IllegalArgumentException(
                        "the reprocess run would write its files to " + theirs + ", the output of what "
                                + option
                                + " refers to, and replace results there; give it its own --output (or --staging), e.g. "
                                + theirs + "-reprocessed");
            }
        }
    }
}
