package io.aibatch.engine;

/** Where an engine runs, which decides what data it may see. */
public enum Locality {
    /** Embedded in this JVM, or a container / KAITO model inside the cluster: may see restricted data. */
    IN_CLUSTER,
    /** A public cloud endpoint (Azure OpenAI, cloud Read API): must never see restricted data. */
    CLOUD
}
