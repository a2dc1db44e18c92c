package io.aibatch.report;

import io.aibatch.engine.Locality;
import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.pipeline.Units;
import io.aibatch.routing.EngineUse;
import io.aibatch.routing.Routed;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What one slice has done so far, kept in the slice's ExecutionContext so that the numbers survive a
 * restart and the run report can add up every slice, wherever it ran. Units are kept by name, whatever units the job's
 * items produce.
 */
public final class SliceCounters {

    static final String PREFIX = "stats.";
    public static final String WRITTEN = PREFIX + "written";
    public static final String DEAD_LETTERED = PREFIX + "deadLettered";
    public static final String BYTES = PREFIX + "bytes";
    /** Every unit the slice's items produced, by name: {@code stats.unit.<name>} (a double). */
    public static final String UNIT = PREFIX + "unit.";
    /** Open-ended counters (routing, sink costs), summed by name in the report: {@code stats.x.<name>}. */
    public static final String EXTRA = PREFIX + "x.";

    public static final String ROUTING_ITEMS = "routing.items";
    public static final String ROUTING_RESTRICTED = "routing.restricted";
    public static final String ROUTING_RESTRICTED_TO_CLOUD = "routing.restrictedToCloud";
    public static final String ROUTING_REASON = "routing.reason.";
    /** {@code routing.engine.<LOCALITY>:<engine name>}: items whose content the engine saw. */
    public static final String ROUTING_ENGINE = "routing.engine.";

    public static final String REQUEST_CHARGE_MILLI = "sink.requestChargeMilli";
    /** Where slices saved by an earlier aibatch kept the units it knew (audio in milliseconds), read as units. */
    private static final String LEGACY_AUDIO_MILLIS = PREFIX + "audioMillis";

    private static final Map<String, String> LEGACY_UNITS = Map.of(
            PREFIX + Units.PAGES,
            Units.PAGES,
            LEGACY_AUDIO_MILLIS,
            Units.AUDIO_SECONDS,
            PREFIX + Units.TOKENS_IN,
            Units.TOKENS_IN,
            PREFIX + Units.TOKENS_OUT,
            Units.TOKENS_OUT,
            PREFIX + Units.CLOUD_TOKENS_IN,
            Units.CLOUD_TOKENS_IN,
            PREFIX + Units.CLOUD_TOKENS_OUT,
            Units.CLOUD_TOKENS_OUT);

    private long written;
    private long deadLettered;
    private long bytes;
    private final Map<String, Double> units = new TreeMap<>(); // summed in place: this is per item on the writer's path
    private final Map<String, Long> extras = new TreeMap<>();

    public void restore(ExecutionContext context) {
        written = context.getLong(WRITTEN, 0L);
        deadLettered = context.getLong(DEAD_LETTERED, 0L);
        bytes = context.getLong(BYTES, 0L);
        units.clear();
        units.putAll(units(context).quantities());
        extras.clear();
        extras.putAll(extras(context));
    }

    /** The units a slice's items produced so far, as its context keeps them. */
    public static Units units(ExecutionContext context) {
        Map<String, Double> found = new TreeMap<>();
        for (Map.Entry<String, Object> entry : context.entrySet()) {
            if (entry.getValue() instanceof Number number) {
                String key = entry.getKey();
                if (key.startsWith(UNIT)) {
                    found.merge(key.substring(UNIT.length()), number.doubleValue(), Double::sum);
                } else if (LEGACY_UNITS.containsKey(key)) {
                    found.merge(
                            LEGACY_UNITS.get(key),
                            number.doubleValue() * (key.equals(LEGACY_AUDIO_MILLIS) ? 0.001 : 1),
                            Double::sum);
                }
            }
        }
        return new Units(found);
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
        units.forEach((unit, amount) -> context.putDouble(UNIT + unit, amount));
        LEGACY_UNITS
                .keySet()
                .forEach(context::remove); // now counted under UNIT (a slice restored from an older context)
        extras.forEach((name, value) -> context.putLong(EXTRA + name, value));
    }

    /** The units this slice's items produced so far. */
    public Units units() {
        return new Units(units);
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
                if (processed.units() != null) {
                    processed.units().quantities().forEach((unit, amount) -> units.merge(unit, amount, Double::sum));
                }
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
