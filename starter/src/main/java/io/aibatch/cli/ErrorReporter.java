package io.aibatch.cli;

import io.aibatch.runtime.ExitCodes;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.LevenshteinDistance;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How the CLI reports what went wrong: one line on stderr, {@code aibatch: <what> <hint>}, and an exit code from
 * {@link ExitCodes}. The stack trace only with {@code --verbose} (or {@code -Daibatch.debug=true}).
 */
final class ErrorReporter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    /** The option that asks for stack traces; inherited by every command from {@link AibatchCommand}. */
    static final String VERBOSE = "--verbose";

    /** At most this many edits (or a third of the name) away, a valid name is offered as "did you mean". */
    private static final int NEAR = 2;

    /** A usage error: what is wrong, the nearest valid name when one was misspelt, and which help to read. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("aibatch: " + usageMessage(e) + " " + helpHint(command));
        if (verbose(List.of(args))) {
            e.printStackTrace(err);
        }
        return ExitCodes.USAGE;
    }

    /** An exception from a command: configuration errors exit 78, an unusable input 65, wrong arguments 2, anything else 1. */
    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        int exit;
        String hint;
        // configuration errors no retry can fix (a refused endpoint, an unusable one, a key the backend refuses)
        if (e instanceof io.aibatch.engine.EndpointRefusedException
                || e instanceof io.aibatch.runtime.Preflight.PreflightException
                || e instanceof io.aibatch.resilience.BackendConfigurationException) {
            exit = ExitCodes.CONFIGURATION;
            hint = "";
        } else if (e instanceof io.aibatch.runtime.InputUnusableException) {
            // the input as a whole cannot be used (e.g. duplicate custom_ids): nothing was run
            exit = ExitCodes.INPUT_UNUSABLE;
            hint = "";
        } else if (e instanceof IllegalArgumentException || e instanceof io.aibatch.runtime.RunNotFoundException) {
            exit = ExitCodes.USAGE;
            hint = " " + helpHint(command);
        } else {
            exit = ExitCodes.FAILED;
            hint = " (" + VERBOSE + " prints the stack trace)";
        }
        boolean verbose = verbose(parseResult.originalArgs());
        err.println("aibatch: " + (verbose || hint.isEmpty() ? firstLine(e) : withStop(firstLine(e)) + hint));
        if (verbose) {
            e.printStackTrace(err);
        }
        return exit;
    }

    private static boolean verbose(List<String> args) {
        return Boolean.getBoolean("aibatch.debug") || args.contains(VERBOSE);
    }

    private static String helpHint(CommandLine command) {
        return "See '" + command.getCommandSpec().qualifiedName() + " --help'.";
    }

    /** A message of several lines (e.g. from a library) is cut to its first: the stack trace has the rest. */
    private static String firstLine(Exception e) {
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName()
                : e.getMessage();
        return message.strip().lines().findFirst().orElse(message);
    }

    /**
     * Picocli's own message, except for arguments it did not recognise: those are named first (a misspelt option
     * explains the "missing required option" that picocli would otherwise report) with the nearest valid name.
     */
    static String usageMessage(ParameterException e) {
        CommandLine command = e.getCommandLine();
        List<String> unmatched = command.getUnmatchedArguments();
        if (unmatched.isEmpty()) {
            return withStop(firstLine(e));
        }
        CommandSpec spec = command.getCommandSpec();
        String first = unmatched.stream()
                .filter(ErrorReporter::looksLikeOption)
                .findFirst()
                .orElse(unmatched.get(0));
        if (looksLikeOption(first)) {
            String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            return "Unknown option: '" + name + "'." + didYouMean(name, optionNames(spec));
        }
        if (!spec.subcommands().isEmpty()) {
            return "Unknown command: '" + first + "'." + didYouMean(first, spec.subcommands().keySet().stream());
        }
        return "Unexpected argument: '" + first + "'.";
    }

    private static boolean looksLikeOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1 && !Character.isDigit(arg.charAt(1));
    }

    private static Stream<String> optionNames(CommandSpec spec) {
        return spec.options().stream()
                .filter(option -> !option.hidden())
                .map(OptionSpec::names)
                .flatMap(Arrays::stream);
    }

    /**
     * The nearest valid name by edit distance. (Picocli's own suggestions for options are the names that share the
     * first two letters, unranked: they miss {@code --lmit} and offer {@code --partition-handler} for
     * {@code --partitons} as readily as {@code --partitions}.)
     */
    private static String didYouMean(String given, Stream<String> valid) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        int near = Math.max(NEAR, given.replaceFirst("^-+", "").length() / 3);
        Optional<String> nearest = valid.filter(name -> distance.apply(given, name) <= near)
                .min(Comparator.comparingInt((String name) -> distance.apply(given, name))
                        .thenComparing(Comparator.naturalOrder()));
        return nearest.map(name -> " Did you mean '" + name + "'?").orElse("");
    }

    private static String withStop(String message) {
        return message.endsWith(".") || message.endsWith("?") || message.endsWith("!") ? message : message + ".";
    }
}
