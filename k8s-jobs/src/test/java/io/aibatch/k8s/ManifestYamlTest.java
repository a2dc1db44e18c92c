package io.aibatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestYamlTest {

    @Test
    void dryRunYamlReadsBackAsTheSameResources() {
        List<HasMetadata> resources = FactoryExamples.all();

        String yaml = ManifestYaml.render(resources);

        String[] documents = yaml.split("(?m)^---\\n");
        assertThat(documents).hasSize(resources.size() + 1); // the text starts with a separator
        assertThat(documents[0]).isEmpty();
        assertThat(new KubernetesSerialization().unmarshal(documents[1], Job.class))
                .isEqualTo(resources.get(0));
        assertThat(new KubernetesSerialization().unmarshal(documents[3], CronJob.class))
                .isEqualTo(resources.get(2));
        assertThat(yaml).contains("completionMode: \"Indexed\"").doesNotContain("additionalProperties");
    }
}
