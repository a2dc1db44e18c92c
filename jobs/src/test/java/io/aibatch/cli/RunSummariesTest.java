package io.aibatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.resilience.BackendUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.FatalStepExecutionException;

/** The failure line of a run's summary names what went wrong, not the Spring Batch exception around it. */
class RunSummariesTest {

    @Test
    void springBatchWrappersAreDroppedAndTheFirstOwnExceptionKept() {
        Throwable failure = new FatalStepExecutionException(
                "Unable to process chunk",
                new BackendUnavailableException("kaito/phi-4-mini", Duration.ofSeconds(300)));

        assertThat(RunSummaries.unwrapped(failure))
                .startsWith(BackendUnavailableException.class.getName() + ": backend kaito/phi-4-mini has been failing")
                .doesNotContain("Unable to process chunk");
    }

    @Test
    void anOwnExceptionKeepsItsMessageEvenWithACauseBelowIt() {
        Throwable failure = new UncheckedIOException(
                "could not write chunk file results/3.jsonl", new IOException("No space left on device"));

        assertThat(RunSummaries.unwrapped(failure)).contains("could not write chunk file results/3.jsonl");
    }

    @Test
    void aWrapperWithoutACauseIsShownAsItIs() {
        assertThat(RunSummaries.unwrapped(new FatalStepExecutionException("Unable to process chunk", null)))
                .contains("Unable to process chunk");
    }
}
