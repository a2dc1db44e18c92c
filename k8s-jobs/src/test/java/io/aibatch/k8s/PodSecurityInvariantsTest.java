package io.aibatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodSecurityInvariantsTest {

    /**
     * The one walk over every pod spec we ship or generate: the manifests as each kustomization renders
     * them (base, aks-gpu, dev), and the Indexed Jobs and CronJob the Java factories build.
     */
    @Test
    void everyPodSpecKeepsTheSecurityInvariants() {
        Map<String, PodSpec> podSpecs = new LinkedHashMap<>();
        for (Path kustomization : Manifests.KUSTOMIZATIONS) {
            for (Map<String, Object> document : MiniKustomize.build(kustomization)) {
                HasMetadata resource = Manifests.toModel(document);
                PodSecurityInvariants.podSpecOf(resource)
                        .ifPresent(spec -> podSpecs.put(kustomization + " " + Manifests.kindAndName(document), spec));
            }
        }
        for (HasMetadata generated : FactoryExamples.all()) {
            PodSecurityInvariants.podSpecOf(generated)
                    .ifPresent(spec -> podSpecs.put(
                            "generated " + generated.getKind() + "/"
                                    + generated.getMetadata().getName(),
                            spec));
        }

        List<String> violations = new ArrayList<>();
        podSpecs.forEach((where, spec) -> violations.addAll(PodSecurityInvariants.violations(where, spec)));

        // 3 kustomizations x (read-ocr Deployment, manager Job, manager CronJob) + the generated ones
        assertThat(podSpecs.keySet())
                .hasSizeGreaterThanOrEqualTo(9 + FactoryExamples.all().size())
                .anyMatch(where -> where.contains("Deployment/read-ocr"))
                .anyMatch(where -> where.contains("CronJob/document-pipeline-nightly"))
                .anyMatch(where -> where.startsWith("generated Job/"));
        assertThat(violations).as("pod security violations").isEmpty();
    }

    @Test
    void theCheckReportsEachBrokenRule() {
        PodSpec insecure = new PodSpecBuilder()
                .withHostNetwork(true)
                .addToContainers(new ContainerBuilder()
                        .withName("app")
                        .withImage("nginx")
                        .build())
                .build();

        List<String> violations = PodSecurityInvariants.violations("test pod", insecure);

        assertThat(violations)
                .anyMatch(line -> line.contains("host namespace"))
                .anyMatch(line -> line.contains("runAsNonRoot is not true"))
                .anyMatch(line -> line.contains("readOnlyRootFilesystem is not true"))
                .anyMatch(line -> line.contains("allowPrivilegeEscalation is not false"))
                .anyMatch(line -> line.contains("capabilities do not drop ALL"))
                .anyMatch(line -> line.contains("seccompProfile is null"))
                .anyMatch(line -> line.contains("has no resources"))
                .anyMatch(line -> line.contains("/tmp"));
    }
}
