package io.aibatch.devtools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Developer tools that never ship in the production jar or image: the simulated AI backends and the synthetic
 * sample-document generator ({@code java -jar simulator/target/aibatch-devtools.jar simulate|generate-samples}).
 */
@Command(
        name = "aibatch-devtools",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        description = "aibatch developer tools: backend simulators and sample data.",
        subcommands = {SimulateCommand.class, GenerateSamplesCommand.class})
public final class DevTools {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new DevTools()).execute(args);
    }
}
