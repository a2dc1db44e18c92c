package io.aibatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} answers with usage and exit 0 on every command and subcommand, before any required option is asked for. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "run",
                "reprocess",
                "compare",
                "restart",
                "status",
                "worker",
                "k8s",
                "k8s submit",
                "k8s schedule",
                "k8s status",
                "k8s cancel",
                "k8s logs"
            })
    void helpWorksEverywhere(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = AibatchCommand.execute(args);
        } finally {
            System.setOut(out);
        }
        assertThat(exit).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith("Usage: aibatch" + (command.isEmpty() ? "" : " " + command));
    }
}
