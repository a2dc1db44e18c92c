package io.aibatch.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.engine.Locality;
import io.aibatch.engine.Sensitivity;
import io.aibatch.summarize.Summarizer;
import io.aibatch.summarize.Summary;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The routing rule for every combination of configured summarisers. */
class SummaryRouterTest {

    record Named(String name, Locality locality) implements Summarizer {
        @Override
        public CompletableFuture<Summary> summarize(String itemSource, String text, Sensitivity sensitivity) {
            return CompletableFuture.completedFuture(new Summary("s", name, 0, 0));
        }
    }

    static final Summarizer KAITO = new Named("kaito", Locality.IN_CLUSTER);
    static final Summarizer AZURE = new Named("azure", Locality.CLOUD);
    static final Summarizer EMBEDDED = new Named("embedded", Locality.IN_CLUSTER);
    static final Restriction RESTRICTED = new Restriction(true, List.of("tfn"));
    static final Restriction UNRESTRICTED = new Restriction(false, List.of());

    @Test
    void restrictedGoesToKaitoElseEmbeddedNeverToTheCloud() {
        assertThat(new SummaryRouter(KAITO, AZURE, EMBEDDED).choose(RESTRICTED)).isSameAs(KAITO);
        assertThat(new SummaryRouter(null, AZURE, EMBEDDED).choose(RESTRICTED)).isSameAs(EMBEDDED);
        assertThat(new SummaryRouter(KAITO, null, EMBEDDED).choose(RESTRICTED)).isSameAs(KAITO);
        assertThat(new SummaryRouter(null, null, EMBEDDED).choose(RESTRICTED)).isSameAs(EMBEDDED);
    }

    @Test
    void unrestrictedGoesToTheCloudElseKaitoElseEmbedded() {
        assertThat(new SummaryRouter(KAITO, AZURE, EMBEDDED).choose(UNRESTRICTED))
                .isSameAs(AZURE);
        assertThat(new SummaryRouter(null, AZURE, EMBEDDED).choose(UNRESTRICTED))
                .isSameAs(AZURE);
        assertThat(new SummaryRouter(KAITO, null, EMBEDDED).choose(UNRESTRICTED))
                .isSameAs(KAITO);
        assertThat(new SummaryRouter(null, null, EMBEDDED).choose(UNRESTRICTED)).isSameAs(EMBEDDED);
    }

    @Test
    void aCloudEngineCannotBeConfiguredAsTheInClusterOne() {
        assertThatThrownBy(() -> new SummaryRouter(AZURE, null, EMBEDDED)).hasMessageContaining("CLOUD");
    }
}
