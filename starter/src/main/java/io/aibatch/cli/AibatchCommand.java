package io.aibatch.cli;

import io.aibatch.runtime.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code aibatch} command line. Its help and version options are inherited: {@code --help} works on every command. */
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
            StatusCommand.class,
            WorkerCommand.class,
            K8sCommand.class
        })
public final class AibatchCommand {

    /** System property naming the application class whose context the commands start (see {@link #run(Class, String...)}). */
    public static final String APPLICATION_PROPERTY = "aibatch.application";

    /**
     * The CLI over the starter's default context: auto-configuration only (every job module on the class path
     * contributes its beans). With {@code -Daibatch.application=CLASS} (how worker processes of an application started
     * with {@link #run} are launched), that application's context instead.
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * The CLI of a user's own Spring Boot application: its {@code main} calls this with its
     * {@code @SpringBootApplication} class, whose beans (the jobs) are in every command's context.
     */
    public static void run(Class<?> application, String... args) {
        System.setProperty(APPLICATION_PROPERTY, application.getName());
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with every job's options registered (from their static definitions). */
    public static CommandLine commandLine() {
        CommandLine commandLine =
                new CommandLine(new AibatchCommand()).setExecutionExceptionHandler(AibatchCommand::report);
        JobOptions.register(commandLine, io.aibatch.runtime.JobDefinitions.onClassPath());
        return commandLine;
    }

    private static int report(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        Throwable cause = e;
        // configuration errors no retry can fix (a refused endpoint, an unusable one, a key the backend refuses):
        // reported in one line, exit 78
        if (cause instanceof io.aibatch.engine.EndpointRefusedException
                || cause instanceof io.aibatch.runtime.Preflight.PreflightException
                || cause instanceof io.aibatch.resilience.BackendConfigurationException) {
            commandLine.getErr().println("aibatch: " + cause.getMessage());
            return ExitCodes.CONFIGURATION;
        }
        if (cause instanceof io.aibatch.runtime.InputUnusableException) {
            commandLine.getErr().println("aibatch: " + cause.getMessage());
            return ExitCodes.INPUT_UNUSABLE;
        }
        if (cause instanceof IllegalArgumentException || cause instanceof io.aibatch.runtime.RunNotFoundException) {
            commandLine.getErr().println("aibatch: " + cause.getMessage());
            return ExitCodes.USAGE;
        }
        commandLine.getErr().println("aibatch: " + cause.getMessage());
        if (Boolean.getBoolean("aibatch.debug")) {
            cause.printStackTrace(commandLine.getErr());
        }
        return ExitCodes.FAILED;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AibatchCommand.class.getPackage().getImplementationVersion();
            return new String[] {"aibatch " + (version == null ? "dev" : version)};
        }
    }
}
