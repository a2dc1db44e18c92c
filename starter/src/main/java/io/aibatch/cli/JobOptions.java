package io.aibatch.cli;

import io.aibatch.runtime.JobDefinition;
import io.aibatch.runtime.JobDefinitions;
import io.aibatch.runtime.JobOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The jobs' own options on the commands that start runs. Each job declares them once ({@link JobDefinition#options()});
 * they are added to {@code run}, {@code reprocess}, {@code k8s submit} and {@code k8s schedule} from the static
 * definitions, so usage and errors need no Spring context.
 */
final class JobOptions {

    /** Commands (by qualified name) that take the jobs' options. */
    private static final List<String> COMMANDS = List.of("run", "reprocess", "k8s submit", "k8s schedule");

    /** The label of the positional parameter that names a job. */
    static final String JOB = "<job>";

    private static final String JOBS_SECTION = "jobs";

    private JobOptions() {}

    static void register(CommandLine root, JobDefinitions jobs) {
        Map<String, List<JobDefinition>> owners = new LinkedHashMap<>();
        Map<String, JobOption> options = new LinkedHashMap<>();
        for (JobDefinition job : jobs.all()) {
            for (JobOption option : job.options()) {
                owners.computeIfAbsent(option.name(), name -> new ArrayList<>()).add(job);
                options.putIfAbsent(option.name(), option);
            }
        }
        for (String path : COMMANDS) {
            CommandLine command = find(root, path);
            if (command == null) {
                continue;
            }
            CommandSpec spec = command.getCommandSpec();
            options.forEach((name, option) -> {
                if (spec.findOption(option.flag()) != null) {
                    throw new IllegalStateException(
                            "job option " + option.flag() + " clashes with an option of '" + path + "'");
                }
                String jobNames =
                        owners.get(name).stream().map(JobDefinition::name).collect(Collectors.joining(", "));
                spec.addOption(OptionSpec.builder(option.flag())
                        .paramLabel(option.paramLabel())
                        .type(String.class)
                        .description(jobNames + ": " + option.description())
                        .build());
            });
        }
        listJobs(root, jobs);
    }

    /**
     * A "Jobs:" section, one line per job, on every command that takes a {@code <job>}: in the usage of the command
     * where it is needed, and from the static definitions, so {@code --help} starts no context.
     */
    private static void listJobs(CommandLine command, JobDefinitions jobs) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.positionalParameters().stream().anyMatch(p -> JOB.equals(p.paramLabel()))) {
            UsageMessageSpec usage = spec.usageMessage();
            usage.sectionMap().put(JOBS_SECTION, help -> help.createHeading("Jobs:%n") + jobTable(help, jobs));
            List<String> keys = new ArrayList<>(usage.sectionKeys());
            keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING), JOBS_SECTION);
            usage.sectionKeys(keys);
        }
        command.getSubcommands().values().forEach(sub -> listJobs(sub, jobs));
    }

    /**
     * The job options given on this command line, by name, checked against {@code job}'s own: an option of another job
     * is a usage error rather than silently ignored.
     */
    static Map<String, String> values(CommandSpec spec, JobDefinitions jobs, JobDefinition job) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> own = job.options().stream().map(JobOption::name).toList();
        for (JobDefinition any : jobs.all()) {
            for (JobOption option : any.options()) {
                OptionSpec given = spec.findOption(option.flag());
                Object value = given == null ? null : given.getValue();
                if (value == null || values.containsKey(option.name())) {
                    continue;
                }
                if (!own.contains(option.name())) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            option.flag() + " is not an option of job " + job.name()
                                    + (own.isEmpty()
                                            ? " (it has none)"
                                            : "; its options: "
                                                    + own.stream()
                                                            .map(o -> "--" + o)
                                                            .collect(Collectors.joining(", "))));
                }
                values.put(option.name(), value.toString());
            }
        }
        return values;
    }

    /** Name and description side by side, two spaces apart (picocli's own tables take three, and a line less). */
    private static String jobTable(CommandLine.Help help, JobDefinitions jobs) {
        int names = 2
                + jobs.all().stream().mapToInt(job -> job.name().length()).max().orElse(0)
                + 2;
        TextTable table = TextTable.forColumns(
                help.colorScheme(),
                new Column(names, 2, Column.Overflow.SPAN),
                new Column(help.commandSpec().usageMessage().width() - names, 0, Column.Overflow.WRAP));
        jobs.all().forEach(job -> table.addRowValues(job.name(), job.description()));
        return table.toString();
    }

    private static CommandLine find(CommandLine root, String path) {
        CommandLine command = root;
        for (String name : path.split(" ")) {
            command = command.getSubcommands().get(name);
            if (command == null) {
                return null;
            }
        }
        return command;
    }
}
