package io.aibatch.runtime;

import io.aibatch.engine.llm.ChatPrompt;
import io.aibatch.pipeline.Units;
import java.util.Collection;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The requests of a run ({@code --cloud-llm-mode batch}) that wait for a cloud batch: deferred by a slice and not yet
 * collected, whether their batch was created or the slice creates it when it closes. Their spend is not committed in the
 * report yet (the batch's {@code usage} is only known when it is collected), but a batch once created cannot be called
 * back, so {@code --budget-usd} counts them in advance ({@link BudgetGuard}), at their estimated tokens:
 * <ul>
 *   <li>in: the prompt's characters / {@value #CHARS_PER_TOKEN}, the usual rule of thumb for English text with OpenAI's
 *   tokenizers (a rough estimate: the batch output's own count replaces it when collected);</li>
 *   <li>out: the request's {@code max_tokens}, an upper bound: the reply cannot be longer.</li>
 * </ul>
 * Counting them as they are deferred, not only once their batch exists, lets the guard stop a slice before it closes
 * and creates a batch the budget cannot pay.
 *
 * @param items     requests waiting for a batch
 * @param tokensIn  their estimated prompt tokens
 * @param tokensOut their estimated completion tokens
 */
public record OpenBatchRequests(long items, double tokensIn, double tokensOut) {

    public static final OpenBatchRequests NONE = new OpenBatchRequests(0, 0, 0);

    static final int CHARS_PER_TOKEN = 4;

    /** Slice context keys: the estimated tokens of the slice's deferred items ({@link DeferringWriter}). */
    static final String TOKENS_IN = "deferring.estimatedTokensIn";

    static final String TOKENS_OUT = "deferring.estimatedTokensOut";

    static long tokensIn(ChatPrompt prompt) {
        long chars = (prompt.system() == null ? 0 : prompt.system().length())
                + (prompt.user() == null ? 0 : prompt.user().length());
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    static long tokensOut(ChatPrompt prompt) {
        return Math.max(0, prompt.maxTokens());
    }

    /** The open requests of a run: every slice's last step execution whose batched items were not yet collected. */
    static OpenBatchRequests of(Collection<JobExecution> executions) {
        long items = 0, in = 0, out = 0;
        for (StepExecution slice : SliceBatches.latestSlices(executions)) {
            ExecutionContext context = slice.getExecutionContext();
            if (new SliceBatches(context).collected()) {
                continue; // their real tokens are in the slice's units now
            }
            items += context.getLong(DeferringWriter.PENDING, 0L);
            in += context.getLong(TOKENS_IN, 0L);
            out += context.getLong(TOKENS_OUT, 0L);
        }
        return new OpenBatchRequests(items, in, out);
    }

    /** The estimate as units, for the cost model to price at the batch lines. */
    Map<String, Double> units() {
        return Map.of(Units.BATCH_TOKENS_IN, tokensIn, Units.BATCH_TOKENS_OUT, tokensOut);
    }
}
