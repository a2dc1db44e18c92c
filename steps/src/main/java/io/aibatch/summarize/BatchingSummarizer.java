package io.aibatch.summarize;

import io.aibatch.engine.Locality;
import io.aibatch.engine.LocalityGuard;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.llm.ChatPrompt;
import java.util.concurrent.CompletableFuture;

/**
 * The cloud summariser of {@code --cloud-llm-mode batch}: it does not call the model. It builds the prompt
 * {@link ChatSummarizer} would send (after the same locality guard) so that the item can wait for a batch, and its
 * summary is empty until the run's collect step fills it in.
 */
public final class BatchingSummarizer implements Summarizer {

    private final String name;
    private final int maxInputChars;
    private final int maxTokens;

    /** @param name the batch client's name, e.g. {@code azure-openai-batch/gpt-4o-mini}: what the routing records */
    public BatchingSummarizer(String name, int maxInputChars, int maxTokens) {
        this.name = name;
        this.maxInputChars = maxInputChars;
        this.maxTokens = maxTokens;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Locality locality() {
        return Locality.CLOUD;
    }

    /**
     * The request to batch for this text.
     *
     * @throws io.aibatch.engine.RestrictedContentException when the text is not known to be unrestricted
     */
    public ChatPrompt prompt(String itemSource, String text, Sensitivity sensitivity) {
        LocalityGuard.check(this, itemSource, sensitivity);
        return ChatSummarizer.prompt(itemSource, text, sensitivity, maxInputChars, maxTokens);
    }

    /** An empty summary: the text arrives with the batch (see {@link #prompt}). */
    @Override
    public CompletableFuture<Summary> summarize(String itemSource, String text, Sensitivity sensitivity) {
        prompt(itemSource, text, sensitivity);
        return CompletableFuture.completedFuture(new Summary(null, name, 0, 0));
    }
}
