package io.aibatch.engine;

/**
 * What is known about content on its way to an engine. Only {@link #UNRESTRICTED} content may reach a
 * CLOUD engine: content not yet checked counts as restricted.
 */
public enum Sensitivity {
    /** Not yet checked (e.g. classification runs before the restriction check): treat as restricted. */
    UNCHECKED,
    RESTRICTED,
    UNRESTRICTED;

    public boolean mayLeaveCluster() {
        return this == UNRESTRICTED;
    }
}
