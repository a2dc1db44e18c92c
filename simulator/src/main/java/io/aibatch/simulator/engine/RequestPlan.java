package io.aibatch.simulator.engine;

/** Everything decided about one accepted request when it arrives: its place in the sequence, fault and service time. */
public record RequestPlan(long sequence, Fault fault, long serviceMillis, double units) {}
