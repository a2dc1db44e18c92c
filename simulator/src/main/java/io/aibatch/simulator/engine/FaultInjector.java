package io.aibatch.simulator.engine;

import io.aibatch.simulator.config.FaultRates;
import java.util.random.RandomGenerator;

/**
 * Turns one uniform draw into a fault, laying the configured rates end to end in a fixed order
 * (http429, http5xx, hang, drop, malformed) so a draw always maps to the same fault.
 */
public final class FaultInjector {

    private final FaultRates rates;

    public FaultInjector(FaultRates rates) {
        this.rates = rates;
    }

    public Fault draw(RandomGenerator random) {
        double u = random.nextDouble();
        double edge = rates.http429();
        if (u < edge) {
            return Fault.HTTP_429;
        }
        edge += rates.http5xx();
        if (u < edge) {
            return Fault.HTTP_5XX;
        }
        edge += rates.hang();
        if (u < edge) {
            return Fault.HANG;
        }
        edge += rates.drop();
        if (u < edge) {
            return Fault.DROP;
        }
        edge += rates.malformed();
        if (u < edge) {
            return Fault.MALFORMED;
        }
        return Fault.NONE;
    }
}
