package io.aibatch.routing;

import io.aibatch.engine.Locality;
import io.aibatch.summarize.Summarizer;
import java.util.Objects;

/**
 * The routing rule for summaries. Restricted documents: the in-cluster LLM if there is one, else the embedded
 * summariser. Unrestricted documents: the cloud LLM if configured, else the in-cluster LLM, else the embedded
 * summariser.
 */
public final class SummaryRouter {

    private final Summarizer inCluster;
    private final Summarizer cloud;
    private final Summarizer embedded;

    /**
     * @param inCluster an IN_CLUSTER LLM summariser (KAITO), or null
     * @param cloud     a CLOUD LLM summariser (Azure OpenAI), or null
     * @param embedded  the in-process summariser, always there
     */
    public SummaryRouter(Summarizer inCluster, Summarizer cloud, Summarizer embedded) {
        if (inCluster != null && inCluster.locality() != Locality.IN_CLUSTER) {
            throw new IllegalArgumentException(
                    "the in-cluster summariser " + inCluster.name() + " is " + inCluster.locality());
        }
        if (embedded.locality() != Locality.IN_CLUSTER) {
            throw new IllegalArgumentException(
                    "the embedded summariser " + embedded.name() + " is " + embedded.locality());
        }
        this.inCluster = inCluster;
        this.cloud = cloud;
        this.embedded = Objects.requireNonNull(embedded, "embedded");
    }

    public Summarizer choose(Restriction restriction) {
        if (restriction.restricted()) {
            return inCluster != null ? inCluster : embedded;
        }
        if (cloud != null) {
            return cloud;
        }
        return inCluster != null ? inCluster : embedded;
    }

    /** For the log line at start-up: which engine each kind of document goes to. */
    public String describe() {
        return "restricted -> "
                + choose(new Restriction(true, java.util.List.of("x"))).name() + ", unrestricted -> "
                + choose(new Restriction(false, java.util.List.of())).name();
    }
}
