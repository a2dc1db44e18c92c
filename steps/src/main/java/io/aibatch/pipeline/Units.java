package io.aibatch.pipeline;

import io.aibatch.engine.Locality;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an item consumed or produced, as named quantities: the ones cloud services bill by ({@link #PAGES},
 * {@link #AUDIO_SECONDS}, {@link #TOKENS_IN}, ...) and any a job defines for itself (e.g. {@code fieldsExtracted}).
 * The report, the metrics and the cost model loop over the names; nothing generic needs to know a job's units.
 *
 * @param quantities amount per unit name; units an item did not use are absent
 */
public record Units(Map<String, Double> quantities) {

    /** Document pages read. */
    public static final String PAGES = "pages";
    /** Seconds of audio transcribed. */
    public static final String AUDIO_SECONDS = "audioSeconds";
    /** Prompt tokens sent to language models. */
    public static final String TOKENS_IN = "tokensIn";
    /** Completion tokens received from language models. */
    public static final String TOKENS_OUT = "tokensOut";
    /**
     * Of {@link #TOKENS_IN}, those sent to CLOUD engines in real time: billed per token on top of the cluster (those sent
     * through a batch API are {@link #BATCH_TOKENS_IN} instead).
     */
    public static final String CLOUD_TOKENS_IN = "cloudTokensIn";
    /** Of {@link #TOKENS_OUT}, those received from CLOUD engines. */
    public static final String CLOUD_TOKENS_OUT = "cloudTokensOut";
    /**
     * Of {@link #TOKENS_IN}, those sent through a CLOUD batch API (e.g. Azure OpenAI Batch): billed at the batch price,
     * so counted apart from {@link #CLOUD_TOKENS_IN} (real-time calls), not in it.
     */
    public static final String BATCH_TOKENS_IN = "batchTokensIn";
    /** Of {@link #TOKENS_OUT}, those received through a CLOUD batch API. */
    public static final String BATCH_TOKENS_OUT = "batchTokensOut";

    public static final Units NONE = new Units(Map.of());

    /**
     * Units counted twice: for every engine, and separately (as another unit) for CLOUD engines alone. What a cloud engine
     * bills is that share: tokens also go to in-cluster models (restricted items, the classifier), pages don't.
     */
    private static final Map<String, String> CLOUD_SHARES =
            Map.of(TOKENS_IN, CLOUD_TOKENS_IN, TOKENS_OUT, CLOUD_TOKENS_OUT);

    /** The same for what went through a batch API, which bills its own (lower) price. */
    private static final Map<String, String> BATCH_SHARES =
            Map.of(TOKENS_IN, BATCH_TOKENS_IN, TOKENS_OUT, BATCH_TOKENS_OUT);

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    /** Names the run report uses for numbers of its own next to the units, so no unit may take them. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("bytes", "pagesPerSecond");

    public Units {
        TreeMap<String, Double> copy = new TreeMap<>();
        quantities.forEach((unit, amount) -> {
            if (unit == null || unit.isBlank() || !NAME.matcher(unit).matches()) {
                throw new IllegalArgumentException(
                        "a unit name is a camelCase word like pages or fieldsExtracted, not '" + unit + "'");
            }
            if (RESERVED.contains(unit)) {
                throw new IllegalArgumentException("'" + unit
                        + "' is a number of the run report, not a unit name: name the unit after what it counts");
            }
            if (amount != null && amount != 0) {
                copy.put(unit, amount);
            }
        });
        quantities = Map.copyOf(copy);
    }

    /** {@code amount} of one unit. */
    public static Units of(String unit, double amount) {
        return new Units(Map.of(unit, amount));
    }

    public static Units pages(long pages) {
        return of(PAGES, pages);
    }

    public static Units audioSeconds(double seconds) {
        return of(AUDIO_SECONDS, seconds);
    }

    /** The tokens of language-model calls by an engine of the given locality. */
    public static Units tokens(long in, long out, Locality locality) {
        Map<String, Double> tokens = new TreeMap<>(Map.of(TOKENS_IN, (double) in, TOKENS_OUT, (double) out));
        if (locality == Locality.CLOUD) {
            tokens.put(CLOUD_TOKENS_IN, (double) in);
            tokens.put(CLOUD_TOKENS_OUT, (double) out);
        }
        return new Units(tokens);
    }

    /**
     * The tokens of language-model requests sent through a CLOUD batch API: in the totals, and in the batch share
     * ({@link #BATCH_TOKENS_IN}, {@link #BATCH_TOKENS_OUT}) instead of the real-time cloud share.
     */
    public static Units batchTokens(long in, long out) {
        return new Units(Map.of(
                TOKENS_IN,
                (double) in,
                TOKENS_OUT,
                (double) out,
                BATCH_TOKENS_IN,
                (double) in,
                BATCH_TOKENS_OUT,
                (double) out));
    }

    /**
     * The unit that counts {@code unit}'s share handled through a CLOUD batch API, or {@code unit} itself when it has no
     * such share.
     */
    public static String batchShare(String unit) {
        return BATCH_SHARES.getOrDefault(unit, unit);
    }

    /** The unit that counts {@code unit}'s share handled by CLOUD engines, or {@code unit} itself when it has no such share. */
    public static String cloudShare(String unit) {
        return CLOUD_SHARES.getOrDefault(unit, unit);
    }

    /** The amount of {@code unit}, 0 when absent. */
    public double get(String unit) {
        return quantities.getOrDefault(unit, 0.0);
    }

    public Units plus(Units other) {
        Map<String, Double> sum = new TreeMap<>(quantities);
        other.quantities.forEach((unit, amount) -> sum.merge(unit, amount, Double::sum));
        return new Units(sum);
    }

    public long pages() {
        return Math.round(get(PAGES));
    }

    public double audioSeconds() {
        return get(AUDIO_SECONDS);
    }

    public long tokensIn() {
        return Math.round(get(TOKENS_IN));
    }

    public long tokensOut() {
        return Math.round(get(TOKENS_OUT));
    }

    public long cloudTokensIn() {
        return Math.round(get(CLOUD_TOKENS_IN));
    }

    public long cloudTokensOut() {
        return Math.round(get(CLOUD_TOKENS_OUT));
    }

    public long batchTokensIn() {
        return Math.round(get(BATCH_TOKENS_IN));
    }

    public long batchTokensOut() {
        return Math.round(get(BATCH_TOKENS_OUT));
    }
}
