package io.aibatch.report;

import io.aibatch.pipeline.ItemOutcome;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.aibatch.engine.Locality;
import io.aibatch.routing.EngineUse;
import io.aibatch.routing.Routed;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    public static final String CLOUD_TOKENS_IN = PREFIX + "cloudTokensIn";
    public static final String CLOUD_TOKENS_OUT = PREFIX + "cloudTokensOut";
    /** Open-ended counters (routing, sink costs), summed by name in the report: {@code stats.x.<name>}. */
    public static final String EXTRA = PREFIX + "x.";
    public static final String ROUTING_ITEMS = "routing.items";
    public static final String ROUTING_RESTRICTED = "routing.restricted";
    public static final String ROUTING_RESTRICTED_TO_CLOUD = "routing.restrictedToCloud";
    public static final String ROUTING_REASON = "routing.reason.";
    /** {@code routing.engine.<LOCALITY>:<engine name>}: items whose content the engine saw. */
    public static final String ROUTING_ENGINE = "routing.engine.";
    public static final String REQUEST_CHARGE_MILLI = "sink.requestChargeMilli";

    private long written;
    private long deadLettered;
    private long bytes;
    private long pages;
    private long audioMillis;
    private long tokensIn;
    private long tokensOut;
    private long cloudTokensIn;
    private long cloudTokensOut;
    private final Map<String, Long> extras = new TreeMap<>();

    public void restore(ExecutionContext context) {
        written = context.getLong(WRITTEN, 0L);
        deadLettered = context.getLong(DEAD_LETTERED, 0L);
        bytes = context.getLong(BYTES, 0L);
        pages = context.getLong(PAGES, 0L);
        audioMillis = context.getLong(AUDIO_MILLIS, 0L);
        tokensIn = context.getLong(TOKENS_IN, 0L);
        tokensOut = context.getLong(TOKENS_OUT, 0L);
        cloudTokensIn = context.getLong(CLOUD_TOKENS_IN, 0L);
        cloudTokensOut = context.getLong(CLOUD_TOKENS_OUT, 0L);
        extras.clear();
        extras.putAll(extras(context));
    }

    /** The open-ended counters of a slice's context, by name without the prefix. */
    public static Map<String, Long> extras(ExecutionContext context) {
        Map<String, Long> found = new TreeMap<>();
        for (Map.Entry<String, Object> entry : context.entrySet()) {
            if (entry.getKey().startsWith(EXTRA) && entry.getValue() instanceof Number number) {
                found.put(entry.getKey().substring(EXTRA.length()), number.longValue());
            }
        }
        return found;
    }

    public void save(ExecutionContext context) {
        context.putLong(WRITTEN, written);
        context.putLong(DEAD_LETTERED, deadLettered);
        context.putLong(BYTES, bytes);
        context.putLong(PAGES, pages);
        context.putLong(AUDIO_MILLIS, audioMillis);
        context.putLong(TOKENS_IN, tokensIn);
        context.putLong(TOKENS_OUT, tokensOut);
        context.putLong(CLOUD_TOKENS_IN, cloudTokensIn);
        context.putLong(CLOUD_TOKENS_OUT, cloudTokensOut);
        extras.forEach((name, value) -> context.putLong(EXTRA + name, value));
    }

    /** Request units a database sink charged for a chunk, kept in thousandths so the sum stays exact. */
    public void addRequestCharge(double requestCharge) {
        if (requestCharge > 0) {
            increment(REQUEST_CHARGE_MILLI, Math.round(requestCharge * 1000));
        }
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
                cloudTokensIn += processed.units().cloudTokensIn();
                cloudTokensOut += processed.units().cloudTokensOut();
                if (processed.result() instanceof Routed routed) {
                    countRouting(routed);
                }
            } else {
                deadLettered++;
            }
        }
    }

    private void countRouting(Routed routed) {
        increment(ROUTING_ITEMS, 1);
        boolean sawCloud = false;
        for (EngineUse use : routed.routing()) {
            increment(ROUTING_ENGINE + use.locality() + ":" + use.engine(), 1);
            sawCloud |= use.locality() == Locality.CLOUD;
        }
        if (routed.restricted()) {
            increment(ROUTING_RESTRICTED, 1);
            routed.restrictedReasons().forEach(reason -> increment(ROUTING_REASON + reason, 1));
            if (sawCloud) {
                increment(ROUTING_RESTRICTED_TO_CLOUD, 1);
            }
        }
    }

    private void increment(String name, long by) {
        extras.merge(name, by, Long::sum);
    }
}
