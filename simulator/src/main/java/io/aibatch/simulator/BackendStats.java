package io.aibatch.simulator;

import java.util.Map;

/**
 * Counters of one backend since start or the last reset.
 *
 * @param requests              work requests received (analyze / chat / transcription calls; not result polls)
 * @param polls                 result polls of asynchronous operations (Read, Document Intelligence)
 * @param accepted              requests admitted to a service slot or the queue
 * @param throttled             requests answered 429 (over capacity, over quota, or injected)
 * @param errors                error outcomes by kind: injected faults by their config key (http5xx, http429,
 *                              hang, malformed, drop) and client errors as http400, http401, http404, ...
 * @param maxConcurrentInService highest number of requests in service at once
 * @param unitsProcessed        pages / tokens / audio seconds of requests that completed successfully
 * @param inService             requests in service now
 * @param queued                requests waiting for a slot now
 */
public record BackendStats(
        long requests,
        long polls,
        long accepted,
        long throttled,
        Map<String, Long> errors,
        int maxConcurrentInService,
        double unitsProcessed,
        int inService,
        int queued) {

    public BackendStats {
        errors = Map.copyOf(errors);
    }

    public long errors(String kind) {
        return errors.getOrDefault(kind, 0L);
    }
}
