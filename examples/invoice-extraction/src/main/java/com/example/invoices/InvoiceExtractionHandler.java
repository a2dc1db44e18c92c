package com.example.invoices;

import io.aibatch.document.DocumentResult;
import io.aibatch.engine.BackendException;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.llm.ChatPrompt;
import io.aibatch.engine.llm.ChatReply;
import io.aibatch.item.WorkItem;
import io.aibatch.pipeline.ItemHandler;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.Units;
import io.aibatch.resilience.CallsExhaustedException;
import io.aibatch.resilience.FailurePolicy;
import io.github.resilience4j.retry.Retry;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One invoice: its text (the building block {@code DocumentOcrHandler}: PDF text layer or embedded OCR), then the
 * fields from the in-cluster model as structured output, validated against the schema. A reply that is not valid is
 * asked for again ({@code invalidOutput}, a resilience4j Retry on {@link InvalidOutputException} only: backend
 * failures are the chat engine's resilience layer's business) and the invoice is dead-lettered as
 * {@code invalid-output} with the last validation error once the retries are spent.
 */
final class InvoiceExtractionHandler implements ItemHandler {

    static final String UNIT = "fieldsExtracted";
    static final String INVALID_OUTPUT = "invalid-output";

    private static final String INSTRUCTION =
            "You extract the fields of an invoice from its OCR text. Answer with one JSON "
                    + "object that follows the given JSON Schema. Copy values as printed; write dates as YYYY-MM-DD and amounts as "
                    + "plain numbers. Use null for a field the invoice does not show. Never invent values.";

    private final ItemHandler textExtraction;
    private final ChatEngine llm;
    private final InvoiceSchema schema;
    private final Retry invalidOutput;
    private final ScheduledExecutorService scheduler;
    private final int maxInputChars;
    private final int maxTokens;

    InvoiceExtractionHandler(
            ItemHandler textExtraction,
            ChatEngine llm,
            InvoiceSchema schema,
            Retry invalidOutput,
            ScheduledExecutorService scheduler,
            int maxInputChars,
            int maxTokens) {
        this.textExtraction = textExtraction;
        this.llm = llm;
        this.schema = schema;
        this.invalidOutput = invalidOutput;
        this.scheduler = scheduler;
        this.maxInputChars = maxInputChars;
        this.maxTokens = maxTokens;
    }

    @Override
    public CompletableFuture<ItemOutcome> handle(WorkItem item) {
        long started = System.nanoTime();
        return textExtraction.handle(item).thenCompose(outcome -> {
            if (!(outcome instanceof ItemOutcome.Processed processed)
                    || !(processed.result() instanceof DocumentResult document)) {
                return CompletableFuture.completedFuture(
                        outcome); // dead-lettered by the text stage (corrupt, too large...)
            }
            return extract(item, document, processed.units(), started);
        });
    }

    private CompletableFuture<ItemOutcome> extract(
            WorkItem item, DocumentResult document, Units textUnits, long started) {
        String text = document.text().length() > maxInputChars
                ? document.text().substring(0, maxInputChars)
                : document.text();
        // nothing has checked the invoice's content: only an IN_CLUSTER engine accepts it (a CLOUD one refuses,
        // LocalityGuard)
        ChatPrompt prompt = new ChatPrompt(
                item.source(), Sensitivity.UNCHECKED, INSTRUCTION, text, maxTokens, schema.responseSchema());
        AtomicInteger attempts = new AtomicInteger();
        AtomicLong tokensIn = new AtomicLong();
        AtomicLong tokensOut = new AtomicLong();
        return invalidOutput
                .executeCompletionStage(scheduler, () -> {
                    attempts.incrementAndGet();
                    return llm.complete(prompt).thenApply((ChatReply reply) -> {
                        tokensIn.addAndGet(reply.tokensIn());
                        tokensOut.addAndGet(reply.tokensOut());
                        return schema.validReply(reply.text());
                    });
                })
                .toCompletableFuture()
                .<ItemOutcome>thenApply(fields -> {
                    int extracted = InvoiceSchema.fieldsExtracted(fields);
                    InvoiceResult result = new InvoiceResult(
                            document.id(),
                            document.source(),
                            document.name(),
                            document.contentType(),
                            document.pages(),
                            fields,
                            extracted,
                            document.engine(),
                            llm.name(),
                            attempts.get(),
                            document.pipelineVersion(),
                            (System.nanoTime() - started) / 1_000_000,
                            document.sourceEtag());
                    Units units = textUnits
                            .plus(Units.tokens(tokensIn.get(), tokensOut.get(), llm.locality()))
                            .plus(Units.of(UNIT, extracted));
                    return new ItemOutcome.Processed(item, result, units);
                })
                .exceptionally(error -> deadLetterOrFail(item, error, attempts.get()));
    }

    private static ItemOutcome deadLetterOrFail(WorkItem item, Throwable error, int attempts) {
        Throwable cause = FailurePolicy.unwrap(error);
        if (cause instanceof InvalidOutputException invalid) {
            return new ItemOutcome.DeadLettered(
                    item,
                    INVALID_OUTPUT,
                    invalid.getMessage() + " (after " + attempts + (attempts == 1 ? " reply)" : " replies)"),
                    attempts);
        }
        FailurePolicy.Decision decision = FailurePolicy.decide(cause);
        if (decision == FailurePolicy.Decision.FATAL || decision == FailurePolicy.Decision.OUTAGE) {
            FailurePolicy.deadLetterOrThrow(item, cause); // throws: the run's problem, not this invoice's
        }
        if (cause instanceof CallsExhaustedException exhausted) {
            return new ItemOutcome.DeadLettered(
                    item,
                    "extraction-" + exhausted.lastFailure().kind().name().toLowerCase(Locale.ROOT),
                    "field extraction failed: " + exhausted.getMessage(),
                    exhausted.attempts());
        }
        if (cause instanceof BackendException backend) {
            return new ItemOutcome.DeadLettered(
                    item,
                    "extraction-" + backend.kind().name().toLowerCase(Locale.ROOT),
                    "field extraction failed: " + backend.getMessage(),
                    attempts);
        }
        // RestrictedContentException (a routing bug) and anything unexpected stop the step instead of hiding in
        // dead-letters
        throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
}
