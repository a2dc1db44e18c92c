package io.aibatch.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aibatch.cost.PoolUsage;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.RunParameters;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Node-hours of the backend pools measured from the Kubernetes API (fabric8 mock server) while pools scale. */
class NodePoolSamplerTest {

    @Test
    void integratesNodesPerPoolOverTheRunAsTheyScale() {
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            client.nodes()
                    .resource(node("gpu-0", "gpu", "Standard_NC24ads_A100_v4", true))
                    .create();
            client.nodes()
                    .resource(node("sys-0", "system", "Standard_D4s_v5", false))
                    .create(); // not a backend node
            AtomicLong clock = new AtomicLong(0);
            NodePoolSampler sampler = new NodePoolSampler(
                    new AibatchProperties.Sample(
                            true,
                            "aibatch.io/backend=true",
                            Duration.ofHours(1),
                            "kubernetes.azure.com/agentpool",
                            "kubernetes.azure.com/scalesetpriority"),
                    () -> client,
                    clock::get);
            RunParameters run = new RunParameters("r", "in", "out", 1, "v");

            sampler.start("r"); // t=0: one GPU node
            clock.set(3_600_000); // one hour later the pool scaled to three
            client.nodes()
                    .resource(node("gpu-1", "gpu", "Standard_NC24ads_A100_v4", true))
                    .create();
            client.nodes()
                    .resource(node("gpu-2", "gpu", "Standard_NC24ads_A100_v4", true))
                    .create();
            sampler.sample("r");
            clock.set(5_400_000); // half an hour with three nodes
            sampler.stop("r");

            List<PoolUsage> usage = sampler.usage(run);
            assertThat(usage).hasSize(1);
            PoolUsage gpu = usage.get(0);
            assertThat(gpu.name()).isEqualTo("gpu");
            assertThat(gpu.vmSize()).isEqualTo("Standard_NC24ads_A100_v4");
            assertThat(gpu.spot()).isTrue();
            assertThat(gpu.nodeHours()).isCloseTo(1 + 1.5, within(1e-9));
            assertThat(gpu.nodes()).isCloseTo(2.5 / 1.5, within(1e-9)); // time-weighted average
            assertThat(gpu.source()).isEqualTo("sampled");
        } finally {
            server.destroy();
        }
    }

    private static Node node(String name, String pool, String vmSize, boolean spot) {
        Map<String, String> labels = new HashMap<>(Map.of(
                "kubernetes.azure.com/agentpool",
                pool,
                NodePoolSampler.INSTANCE_TYPE,
                vmSize,
                "aibatch.io/backend",
                pool.equals("system") ? "false" : "true"));
        if (spot) {
            labels.put("kubernetes.azure.com/scalesetpriority", "spot");
        }
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build();
    }
}
