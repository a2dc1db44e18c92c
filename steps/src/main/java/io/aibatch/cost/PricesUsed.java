package io.aibatch.cost;

import java.util.List;

/**
 * Which prices a report used ({@code prices} in report.json), so that nobody mistakes an estimate for a quote.
 *
 * @param file where the prices were read from
 */
public record PricesUsed(String file, String currency, List<Price> used, List<String> unverified) {

    /** @param kind {@code vm} or {@code service} */
    public record Price(
            String key, String kind, String name, String price, String source, String date, boolean verified) {}
}
