package io.aibatch.cost;

/** Placeholder, replaced by the cost model. */
public record PricesUsed() {
}
