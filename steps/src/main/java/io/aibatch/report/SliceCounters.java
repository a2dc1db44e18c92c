package io.aibatch.report;

import io.aibatch.pipeline.ItemOutcome;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.util.List;

/**
 * What one slice has done so far, kept in the slice's ExecutionContext so that the numbers survive a
 * restart and the run report can add up every slice, wherever it ran.
 */
public final class SliceCounters {

    static final String PREFIX = "stats.";
    public static final String WRITTEN = PREFIX + "written";
    public static final String DEAD_LETTERED = PREFIX + "deadLettered";
    public static final String BYTES = PREFIX + "bytes";
    public static final String PAGES = PREFIX + "pages";
    public static final String AUDIO_MILLIS = PREFIX + "audioMillis";
    public static final String TOKENS_IN = PREFIX + "tokensIn";
    public static final String TOKENS_OUT = PREFIX + "tokensOut";

    private long written;
    private long deadLettered;
    private long bytes;
    private long pages;
    private long audioMillis;
    private long tokensIn;
    private long tokensOut;

    public void restore(ExecutionContext context) {
        written = context.getLong(WRITTEN, 0L);
        deadLettered = context.getLong(DEAD_LETTERED, 0L);
        bytes = context.getLong(BYTES, 0L);
        pages = context.getLong(PAGES, 0L);
        audioMillis = context.getLong(AUDIO_MILLIS, 0L);
        tokensIn = context.getLong(TOKENS_IN, 0L);
        tokensOut = context.getLong(TOKENS_OUT, 0L);
    }

    public void save(ExecutionContext context) {
        context.putLong(WRITTEN, written);
        context.putLong(DEAD_LETTERED, deadLettered);
        context.putLong(BYTES, bytes);
        context.putLong(PAGES, pages);
        context.putLong(AUDIO_MILLIS, audioMillis);
        context.putLong(TOKENS_IN, tokensIn);
        context.putLong(TOKENS_OUT, tokensOut);
    }

    public void add(List<? extends ItemOutcome> outcomes) {
        for (ItemOutcome outcome : outcomes) {
            bytes += outcome.item().size();
            if (outcome instanceof ItemOutcome.Processed processed) {
                written++;
                pages += processed.units().pages();
                audioMillis += Math.round(processed.units().audioSeconds() * 1000);
                tokensIn += processed.units().tokensIn();
                tokensOut += processed.units().tokensOut();
            } else {
                deadLettered++;
            }
        }
    }
}
