package io.aibatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code aibatch} command line. Its options (help, version, {@code --verbose}) are inherited: {@code --help} works
 * on every command. Errors are reported in one line by {@link ErrorReporter}.
 */
@Command(
        name = "aibatch",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = AibatchCommand.Version.class,
        description =
                "AI batch jobs: documents and audio through OCR, speech and LLM backends, in resumable partitions.",
        subcommands = {
            RunCommand.class,
            ReprocessCommand.class,
            CompareCommand.class,
            RestartCommand.class,
            AbandonCommand.class,
            StatusCommand.class,
            WorkerCommand.class,
            K8sCommand.class
        })
public final class AibatchCommand {

    /** Read from the command line by {@link ErrorReporter}, which also sees it when parsing failed half-way. */
    @Option(
            names = ErrorReporter.VERBOSE,
            scope = CommandLine.ScopeType.INHERIT,
            description =
                    "On an error, print its stack trace after the one-line message (as -Daibatch.debug=true does).")
    boolean verbose;

    /** System property naming the application class whose context the commands start (see {@link #run(Class, String...)}). */
    public static final String APPLICATION_PROPERTY = "aibatch.application";

    /**
     * The CLI over the starter's default context: auto-configuration only (every job module on the class path
     * contributes its beans). With {@code -Daibatch.application=CLASS} (how worker processes of an application started
     * with {@link #run} are launched), that application's context instead.
     */
    public static void main(String[] args) {
        AsyncPool.ensureShared();
        System.exit(execute(args));
    }

    /**
     * The CLI of a user's own Spring Boot application: its {@code main} calls this with its
     * {@code @SpringBootApplication} class, whose beans (the jobs) are in every command's context.
     */
    public static void run(Class<?> application, String... args) {
        AsyncPool.ensureShared();
        System.setProperty(APPLICATION_PROPERTY, application.getName());
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with every job's options registered (from their static definitions). */
    public static CommandLine commandLine() {
        ErrorReporter errors = new ErrorReporter();
        CommandLine commandLine = new CommandLine(new AibatchCommand())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        JobOptions.register(commandLine, io.aibatch.runtime.JobDefinitions.onClassPath());
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AibatchCommand.class.getPackage().getImplementationVersion();
            return new String[] {"aibatch " + (version == null ? "dev" : version)};
        }
    }
}
