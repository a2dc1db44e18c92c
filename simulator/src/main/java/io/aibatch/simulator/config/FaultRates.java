package io.aibatch.simulator.config;

/**
 * Probability of each injected fault per accepted request. Drawn once per request from the backend's seeded
 * random stream, so the same seed and request sequence give the same faults.
 *
 * @param http5xx   answer 500/503 with the backend's error shape (async OCR: the operation ends as failed)
 * @param http429   answer 429 with Retry-After at once, as if throttled (rejected by config for vLLM, which never 429s)
 * @param hang      never answer; the connection stays open until the client gives up
 * @param malformed answer 200 with a body that is broken JSON or violates the response schema
 * @param drop      close the connection without any response
 */
public record FaultRates(double http5xx, double http429, double hang, double malformed, double drop) {

    public static final FaultRates NONE = new FaultRates(0, 0, 0, 0, 0);

    public FaultRates {
        check("http5xx", http5xx);
        check("http429", http429);
        check("hang", hang);
        check("malformed", malformed);
        check("drop", drop);
        double sum = http5xx + http429 + hang + malformed + drop;
        if (sum > 1.0 + 1e-9) {
            throw new IllegalArgumentException("fault rates add up to " + sum + " > 1");
        }
    }

    private static void check(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("fault rate " + name + " must be within [0, 1], was " + p);
        }
    }

    public double total() {
        return http5xx + http429 + hang + malformed + drop;
    }

    public FaultRates withHttp5xx(double p) {
        return new FaultRates(p, http429, hang, malformed, drop);
    }

    public FaultRates withHttp429(double p) {
        return new FaultRates(http5xx, p, hang, malformed, drop);
    }

    public FaultRates withHang(double p) {
        return new FaultRates(http5xx, http429, p, malformed, drop);
    }

    public FaultRates withMalformed(double p) {
        return new FaultRates(http5xx, http429, hang, p, drop);
    }

    public FaultRates withDrop(double p) {
        return new FaultRates(http5xx, http429, hang, malformed, p);
    }
}
