package io.aibatch.runtime;

import io.aibatch.pipeline.ItemHandler;
import io.aibatch.resilience.CallObserver;
import io.aibatch.source.ItemSource;

/**
 * What makes one job different from another: how a single item is handled. Listing, planning,
 * partitioning, checkpointing, output and reporting are shared by every job.
 */
public interface Pipeline {

    /** The job name used on the command line, e.g. {@code document-pipeline}. */
    String jobName();

    /**
     * A handler for one slice of a run reading from {@code source}; every backend call it makes is reported to
     * {@code observer} (the slice's statistics).
     */
    ItemHandler handler(ItemSource source, RunParameters run, CallObserver observer);

    /**
     * The engines of this run that bill per unit in the cloud, as keys of pricing.yaml's {@code api-spend}
     * (e.g. {@code read-container} when the Read endpoint is the cloud API); their units are the run's API spend.
     */
    default java.util.List<String> apiSpend(RunParameters run) {
        return java.util.List.of();
    }

    /**
     * Every engine of this run that may bill per unit, as keys of pricing.yaml's {@code api-spend}, with where it ran:
     * cloud engines always bill, in-cluster containers as pricing.yaml's {@code metering} says (connected containers are
     * metered like the cloud). By default the {@link #apiSpend} engines, in the cloud.
     */
    default java.util.List<io.aibatch.cost.CostModel.EngineRun> pricedEngines(RunParameters run) {
        return apiSpend(run).stream()
                .map(io.aibatch.cost.CostModel.EngineRun::cloud)
                .toList();
    }

    /** Where the engine that first sees an item's content runs (OCR, transcription): CLOUD engines need cleared items. */
    default io.aibatch.engine.Locality firstEngineLocality(RunParameters run) {
        return io.aibatch.engine.Locality.IN_CLUSTER;
    }

    /**
     * Whether an in-cluster run of this job classifies items and records which are unrestricted (the routing audit), so
     * that a cloud profile of {@code compare} may get those items ({@link io.aibatch.routing.ClearedItems}).
     */
    default boolean clearsItems() {
        return false;
    }

    /** The endpoints this run will call, probed before it plans anything ({@link Preflight}). */
    default java.util.List<Preflight.Endpoint> endpoints(RunParameters run) {
        return java.util.List.of();
    }

    /**
     * Where this job's items come from: by default the files of {@code --input} (a directory or blob container). A job
     * whose items are something else in those files overrides it, e.g. the lines of JSONL files
     * ({@link io.aibatch.store.Locations#jsonlLines}). Used both to plan the run and to read each slice's items.
     */
    default ItemSource source(RunParameters run, io.aibatch.source.SourceOptions options) {
        return io.aibatch.store.Locations.source(run.input(), options);
    }

    /** Rejects a run whose options cannot work, before anything is planned. */
    default void validate(RunParameters run) {}

    /**
     * Checks the input as a whole before a new run is created in the job repository: a refusal (an
     * {@link InputUnusableException}, exit 65) leaves no run behind. It may read the whole input, so it runs only for a
     * new run: a restart resumes a plan that was checked when it was made. By default there is nothing to check.
     */
    default void checkInput(RunParameters run, io.aibatch.source.SourceOptions options) throws java.io.IOException {}
}
