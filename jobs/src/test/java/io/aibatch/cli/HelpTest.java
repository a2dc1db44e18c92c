package io.aibatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.runtime.CliRun;
import io.aibatch.runtime.ExitCodes;
import io.aibatch.runtime.JobDefinition;
import io.aibatch.runtime.JobDefinitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The CLI explains itself: {@code --help} on every command, a description and the default of every option, the jobs
 * in {@code run}'s usage, and usage errors in one line with the nearest valid name. None of it starts a Spring context.
 */
class HelpTest {

    /** Every command and subcommand, walked from the command line itself (a new command is covered without a list). */
    static Stream<Named<CommandLine>> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(AibatchCommand.commandLine(), all);
        return all.stream().map(command -> Named.of(command.getCommandSpec().qualifiedName(), command));
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void helpWorksEverywhere(CommandLine command) {
        String qualified = command.getCommandSpec().qualifiedName();
        List<String> args = new ArrayList<>(List.of(qualified.split(" ")));
        args.remove(0); // aibatch
        args.add("--help");

        CliRun help = CliRun.of(args.toArray(String[]::new));

        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: " + qualified + " ");
        assertThat(help.err()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyOptionSaysWhatItDoesAndShowsItsDefault(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            String name = spec.qualifiedName() + " " + arg.paramLabel()
                    + (arg.isOption() ? " (" + ((CommandLine.Model.OptionSpec) arg).longestName() + ")" : "");
            String description = String.join(" ", arg.renderedDescription());
            assertThat(description).as(name + " has a description").isNotBlank();
            if (arg.defaultValue() != null && !arg.typeInfo().isBoolean()) {
                assertThat(description).as(name + " shows its default").contains(arg.defaultValue());
            }
        }
    }

    @Test
    void theSameOptionHasTheSameDefaultOnEveryCommand() {
        Map<String, Set<String>> defaults = new TreeMap<>();
        Map<String, String> partitionDescriptions = new TreeMap<>();
        commands().map(command -> command.getPayload().getCommandSpec()).forEach(spec -> {
            for (CommandLine.Model.OptionSpec option : spec.options()) {
                defaults.computeIfAbsent(option.longestName(), name -> new TreeSet<>())
                        .add(Objects.toString(option.defaultValue(), "(none)"));
                if (option.longestName().equals("--partitions")) {
                    String description = String.join(" ", option.renderedDescription());
                    int since = description.indexOf("Default:");
                    partitionDescriptions.put(spec.qualifiedName(), description.substring(Math.max(0, since)));
                }
            }
        });
        defaults.forEach((name, values) -> assertThat(values)
                .as(name + " has one default on every command")
                .hasSize(1));
        assertThat(partitionDescriptions)
                .as("every command that starts runs")
                .containsOnlyKeys(
                        "aibatch run",
                        "aibatch reprocess",
                        "aibatch compare",
                        "aibatch k8s submit",
                        "aibatch k8s schedule");
        assertThat(Set.copyOf(partitionDescriptions.values()))
                .singleElement()
                .asString()
                .startsWith("Default: aibatch.partitions (4 unless configured)");
    }

    @Test
    void runHelpListsTheJobsOneLineEach() {
        CliRun help = CliRun.of("run", "--help");

        assertThat(help.exit()).isZero();
        List<String> lines = help.out().lines().toList();
        JobDefinitions jobs = JobDefinitions.onClassPath();
        assertThat(jobs.all()).extracting(JobDefinition::name).contains("document-pipeline", "audio-transcription");
        for (JobDefinition job : jobs.all()) {
            assertThat(job.description()).isNotBlank();
            assertThat(lines)
                    .as("%s and its whole description on one line", job.name())
                    .anySatisfy(line -> assertThat(line.strip())
                            .startsWith(job.name() + " ")
                            .endsWith(" " + job.description()));
        }
        assertThat(lines).contains("Jobs:");
    }

    @Test
    void aMisspeltOptionIsOneLineWithTheNearestValidNameAndWhereHelpIs() {
        // --input and --output are missing too: the misspelt option is what explains them
        CliRun misspelt = CliRun.of("run", "document-pipeline", "--partitons", "3");

        assertThat(misspelt.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(misspelt.out()).isEmpty();
        assertThat(misspelt.err().lines())
                .containsExactly("aibatch: Unknown option: '--partitons'. Did you mean '--partitions'? "
                        + "See 'aibatch run --help'.");

        assertThat(CliRun.of("status", "--lmit=3").err().lines())
                .containsExactly(
                        "aibatch: Unknown option: '--lmit'. Did you mean '--limit'? " + "See 'aibatch status --help'.");
        assertThat(CliRun.of("sttus").err().lines())
                .containsExactly("aibatch: Unknown command: 'sttus'. Did you mean 'status'? See 'aibatch --help'.");
        assertThat(CliRun.of("run", "--no-such-option").err().lines())
                .as("nothing near enough to suggest")
                .containsExactly("aibatch: Unknown option: '--no-such-option'. See 'aibatch run --help'.");
        assertThat(CliRun.of("k8s").err().lines())
                .containsExactly("aibatch: Missing required subcommand. See 'aibatch k8s --help'.");
    }

    @Test
    void anUnexpectedErrorIsOneLineAndItsStackTraceOnlyWithVerbose() {
        CommandLine failing = new CommandLine(new Failing()).setExecutionExceptionHandler(new ErrorReporter());
        java.io.StringWriter err = new java.io.StringWriter();
        failing.setErr(new java.io.PrintWriter(err, true));

        assertThat(failing.execute()).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString().lines())
                .containsExactly("aibatch: the disk is full. (--verbose prints the stack trace)");

        err.getBuffer().setLength(0);
        assertThat(failing.execute("--verbose")).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString())
                .startsWith("aibatch: the disk is full" + System.lineSeparator())
                .contains("java.lang.IllegalStateException: the disk is full", "at io.aibatch.cli.HelpTest$Failing");
    }

    @CommandLine.Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        @CommandLine.Option(names = ErrorReporter.VERBOSE)
        boolean verbose;

        @Override
        public Integer call() {
            throw new IllegalStateException("the disk is full");
        }
    }
}
