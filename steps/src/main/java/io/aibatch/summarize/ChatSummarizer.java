package io.aibatch.summarize;

import io.aibatch.engine.Locality;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.llm.ChatPrompt;
import java.util.concurrent.CompletableFuture;

/** Summarises with a chat model: KAITO in the cluster, or Azure OpenAI for unrestricted documents. */
public final class ChatSummarizer implements Summarizer {

    static final String INSTRUCTION = "Summarize the following document in two or three sentences for a records index. "
            + "Say what kind of document it is, who it is from and to, and what it is about. Reply with the summary only.";

    private final ChatEngine engine;
    private final int maxInputChars;
    private final int maxTokens;

    /**
     * @param maxInputChars the document text is cut to this many characters, so that prompt and answer fit the
     *                      model's context (a 400 for context overflow would fail the item for good)
     */
    public ChatSummarizer(ChatEngine engine, int maxInputChars, int maxTokens) {
        this.engine = engine;
        this.maxInputChars = maxInputChars;
        this.maxTokens = maxTokens;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public Locality locality() {
        return engine.locality();
    }

    /** The summary request for a text: the same whether it is sent now or in a batch ({@link BatchingSummarizer}). */
    static ChatPrompt prompt(
            String itemSource, String text, Sensitivity sensitivity, int maxInputChars, int maxTokens) {
        String content = text.length() > maxInputChars ? text.substring(0, maxInputChars) : text;
        return new ChatPrompt(itemSource, sensitivity, INSTRUCTION, content.replace('\f', '\n'), maxTokens);
    }

    @Override
    public CompletableFuture<Summary> summarize(String itemSource, String text, Sensitivity sensitivity) {
        return engine.complete(prompt(itemSource, text, sensitivity, maxInputChars, maxTokens))
                .thenApply(
                        reply -> new Summary(reply.text().strip(), engine.name(), reply.tokensIn(), reply.tokensOut()));
    }
}
