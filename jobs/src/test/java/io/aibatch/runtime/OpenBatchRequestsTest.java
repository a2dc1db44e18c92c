package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.llm.ChatPrompt;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The requests waiting for a cloud batch that {@code --budget-usd} counts before their spend is committed. */
class OpenBatchRequestsTest {

    @Test
    void aRequestIsEstimatedAtItsPromptCharactersOverFourInAndItsMaxTokensOut() {
        ChatPrompt prompt = new ChatPrompt("a.pdf", Sensitivity.UNRESTRICTED, "abcd", "123456789", 300);

        assertThat(OpenBatchRequests.tokensIn(prompt)).isEqualTo(4); // 13 characters, rounded up
        assertThat(OpenBatchRequests.tokensOut(prompt)).isEqualTo(300);
    }

    @Test
    void slicesWhoseBatchesWereCollectedNoLongerCountAndTheLatestExecutionOfASliceWins() {
        JobExecution first = new JobExecution(1, new JobInstance(1, "document-pipeline"), new JobParameters());
        JobExecution restart = new JobExecution(2, new JobInstance(1, "document-pipeline"), new JobParameters());
        slice(first, 10, "worker:slice-0000", context(3, 900, 600, false)); // superseded by the restart's
        slice(restart, 20, "worker:slice-0000", context(5, 1500, 1000, false));
        slice(first, 11, "worker:slice-0001", context(4, 1200, 800, true)); // collected: its real tokens are units
        slice(first, 12, "process", context(7, 7, 7, false)); // not a slice

        OpenBatchRequests open = OpenBatchRequests.of(List.of(first, restart));

        assertThat(open).isEqualTo(new OpenBatchRequests(5, 1500, 1000));
    }

    private static ExecutionContext context(long pending, long in, long out, boolean collected) {
        ExecutionContext context = new ExecutionContext();
        context.putLong(DeferringWriter.PENDING, pending);
        context.putLong(OpenBatchRequests.TOKENS_IN, in);
        context.putLong(OpenBatchRequests.TOKENS_OUT, out);
        if (collected) {
            context.putString(SliceBatches.COLLECTED, "true");
        }
        return context;
    }

    private static void slice(JobExecution execution, long id, String name, ExecutionContext context) {
        StepExecution step = new StepExecution(id, name, execution);
        step.setExecutionContext(context);
        execution.addStepExecution(step);
    }
}
