package io.aibatch.engine;

/**
 * The one check every engine makes before content leaves this process: a CLOUD engine takes only content
 * known to be unrestricted. Engines call it themselves, so that no caller, present or future, can route
 * around it.
 */
public final class LocalityGuard {

    private LocalityGuard() {}

    /** @throws RestrictedContentException when {@code engine} is CLOUD and the content is restricted or not yet checked */
    public static void check(Engine engine, String itemSource, Sensitivity sensitivity) {
        if (engine.locality() == Locality.CLOUD && !sensitivity.mayLeaveCluster()) {
            throw new RestrictedContentException(engine.name(), itemSource + " (" + sensitivity + ")");
        }
    }
}
