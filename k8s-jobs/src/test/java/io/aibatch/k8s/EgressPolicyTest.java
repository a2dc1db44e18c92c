package io.aibatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What leaves the aibatch namespace, and who may call the models: the manifests back up the promise that restricted
 * documents stay in the cluster. Egress is denied by default; 443 goes by FQDN (CiliumNetworkPolicy toFQDNs) only to
 * what a run needs, 5432 only to the job repository; the models namespace admits only the batch pods and KAITO's
 * scaler.
 */
class EgressPolicyTest {

    private static final Set<String> HTTPS_HOSTS = Set.of(
            "login.microsoftonline.com",
            "REPLACE-storageaccount.blob.core.windows.net",
            "REPLACE-cosmos-account.documents.azure.com",
            "REPLACE-cosmos-account-*.documents.azure.com",
            "REPLACE-openai-resource.openai.azure.com");

    @Test
    void theNamespaceDeniesEgressByDefault() {
        for (Path kustomization : Manifests.KUSTOMIZATIONS) {
            NetworkPolicy deny = policies(kustomization).get("default-deny-egress");
            assertThat(deny).as(kustomization + " default-deny-egress").isNotNull();
            assertThat(deny.getMetadata().getNamespace()).isEqualTo("aibatch");
            assertThat(deny.getSpec().getPodSelector().getMatchLabels())
                    .as("every pod of the namespace")
                    .isNullOrEmpty();
            assertThat(deny.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Egress");
            assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        }
    }

    @Test
    void noKubernetesNetworkPolicyOpensHttpsPostgresOrAnAddressRange() {
        for (NetworkPolicy policy : policies(Manifests.AKS_GPU).values()) {
            if (policy.getSpec().getEgress() == null) {
                continue;
            }
            policy.getSpec().getEgress().forEach(rule -> {
                assertThat(rule.getTo())
                        .as(policy.getMetadata().getName() + ": a rule without peers allows any destination")
                        .isNotEmpty();
                assertThat(rule.getTo())
                        .extracting(NetworkPolicyPeer::getIpBlock)
                        .containsOnlyNulls();
                assertThat(rule.getPorts())
                        .extracting(port -> port.getPort().getIntVal())
                        .doesNotContain(443, 5432);
            });
        }
    }

    @Test
    void httpsGoesOnlyToTheKubernetesApiEntraStorageCosmosAndAzureOpenAi() {
        Map<String, Object> spec = ciliumSpec(Manifests.BASE, "aibatch-egress-fqdn");
        assertThat(map(spec.get("endpointSelector")).get("matchLabels"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "aibatch"));
        Map<String, Set<String>> fqdnsByPort = new HashMap<>();
        Set<String> entities = new TreeSet<>();
        for (Map<String, Object> rule : maps(spec.get("egress"))) {
            assertThat(rule)
                    .as("no rule reaches addresses or the world by range")
                    .doesNotContainKeys("toCIDR", "toCIDRSet", "toServices");
            Set<String> ports = ports(rule);
            assertThat(ports).as("every rule names its ports: " + rule).isNotEmpty();
            if (rule.containsKey("toEntities")) {
                List<String> named = list(rule.get("toEntities"));
                assertThat(named).containsExactly("kube-apiserver");
                assertThat(ports).containsExactly("443/TCP");
                entities.addAll(named);
            } else if (rule.containsKey("toFQDNs")) {
                Set<String> names = new TreeSet<>();
                for (Map<String, Object> fqdn : maps(rule.get("toFQDNs"))) {
                    names.add((String)
                            (fqdn.containsKey("matchName") ? fqdn.get("matchName") : fqdn.get("matchPattern")));
                }
                ports.forEach(port ->
                        fqdnsByPort.computeIfAbsent(port, p -> new TreeSet<>()).addAll(names));
            } else {
                assertThat(rule).as("the only other rule is DNS to kube-dns").containsKey("toEndpoints");
                assertThat(ports).containsExactly("53/ANY");
                assertThat(list(rule.get("toEndpoints"))).singleElement().satisfies(peer -> assertThat(
                                map(peer).get("matchLabels"))
                        .isEqualTo(
                                Map.of("k8s:io.kubernetes.pod.namespace", "kube-system", "k8s:k8s-app", "kube-dns")));
                // the DNS proxy must see the lookups, or toFQDNs never learns an address
                Map<String, Object> l7 =
                        map(map(list(rule.get("toPorts")).get(0)).get("rules"));
                assertThat(l7).as("DNS rule").isNotNull();
                assertThat(list(l7.get("dns"))).isNotEmpty();
            }
        }
        assertThat(entities).containsExactly("kube-apiserver");
        assertThat(fqdnsByPort).containsOnlyKeys("443/TCP", "5432/TCP");
        assertThat(fqdnsByPort.get("443/TCP")).containsExactlyInAnyOrderElementsOf(HTTPS_HOSTS);

        // and the names are those of the settings the run uses
        Map<String, String> settings = settings();
        assertThat(fqdnsByPort.get("5432/TCP"))
                .containsExactly(
                        URI.create(settings.get("AIBATCH_JOB_REPOSITORY_URL").substring("jdbc:".length()))
                                .getHost());
        assertThat(fqdnsByPort.get("443/TCP"))
                .contains(
                        URI.create(settings.get("AIBATCH_INPUT_URL")).getHost(),
                        URI.create(settings.get("AIBATCH_OUTPUT_URL")).getHost());
    }

    @Test
    void theReadContainerReachesOnlyItsBillingEndpoint() {
        Map<String, Object> spec = ciliumSpec(Manifests.BASE, "read-ocr-egress-fqdn");
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> rule : maps(spec.get("egress"))) {
            assertThat(rule).doesNotContainKeys("toCIDR", "toCIDRSet", "toEntities");
            if (rule.containsKey("toFQDNs")) {
                assertThat(ports(rule)).containsExactly("443/TCP");
                list(rule.get("toFQDNs"))
                        .forEach(fqdn -> names.add((String) map(fqdn).get("matchName")));
            } else {
                assertThat(ports(rule)).containsExactly("53/ANY");
            }
        }
        assertThat(names)
                .containsExactly(
                        URI.create(settings().get("READ_OCR_BILLING_ENDPOINT")).getHost());
    }

    @Test
    void theModelsNamespaceAdmitsOnlyBatchPodsTheScalerAndItsOwnPods() {
        NetworkPolicy ingress = policies(Manifests.AKS_GPU).get("models-ingress");
        assertThat(ingress).isNotNull();
        assertThat(ingress.getMetadata().getNamespace()).isEqualTo("aibatch-models");
        assertThat(ingress.getSpec().getPodSelector().getMatchLabels())
                .as("every pod of the namespace")
                .isNullOrEmpty();
        assertThat(ingress.getSpec().getPolicyTypes()).containsExactly("Ingress");
        List<NetworkPolicyIngressRule> rules = ingress.getSpec().getIngress();
        assertThat(rules).allSatisfy(rule -> assertThat(rule.getFrom())
                .as("a rule without peers admits anyone")
                .isNotEmpty()
                .extracting(NetworkPolicyPeer::getIpBlock)
                .containsOnlyNulls());

        List<String> peers = new ArrayList<>();
        for (NetworkPolicyIngressRule rule : rules) {
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                String namespace = peer.getNamespaceSelector() == null
                        ? "aibatch-models"
                        : peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
                String pods = peer.getPodSelector() == null
                                || peer.getPodSelector().getMatchLabels() == null
                                || peer.getPodSelector().getMatchLabels().isEmpty()
                        ? "*"
                        : peer.getPodSelector().getMatchLabels().toString();
                String ports = rule.getPorts() == null || rule.getPorts().isEmpty()
                        ? "any"
                        : rule.getPorts().stream()
                                .map(p -> p.getPort().getIntVal().toString())
                                .toList()
                                .toString();
                peers.add(namespace + " " + pods + " " + ports);
            }
        }
        assertThat(peers)
                .containsExactlyInAnyOrder(
                        "aibatch {app.kubernetes.io/name=aibatch} [5000]",
                        "kaito-workspace * [5000]",
                        "aibatch-models * any");
        // the batch pods' egress rule to the models is the same port
        assertThat(policies(Manifests.AKS_GPU)
                        .get("aibatch-egress")
                        .getSpec()
                        .getEgress()
                        .get(1)
                        .getPorts())
                .extracting(p -> p.getPort().getIntVal())
                .containsExactly(5000);
        // dev has no models namespace, and no policy for one
        assertThat(policies(Manifests.DEV)).doesNotContainKey("models-ingress");
    }

    private static Map<String, NetworkPolicy> policies(Path kustomization) {
        Map<String, NetworkPolicy> policies = new HashMap<>();
        for (Map<String, Object> document : MiniKustomize.build(kustomization)) {
            HasMetadata model = Manifests.toModel(document);
            if (model instanceof NetworkPolicy policy) {
                policies.put(policy.getMetadata().getName(), policy);
            }
        }
        return policies;
    }

    private static Map<String, Object> ciliumSpec(Path kustomization, String name) {
        for (Map<String, Object> document : MiniKustomize.build(kustomization)) {
            if ("CiliumNetworkPolicy".equals(document.get("kind"))
                    && name.equals(map(document.get("metadata")).get("name"))) {
                assertThat(Manifests.toModel(document)).isInstanceOf(GenericKubernetesResource.class);
                assertThat(document.get("apiVersion")).isEqualTo("cilium.io/v2");
                assertThat(map(document.get("metadata")).get("namespace")).isEqualTo("aibatch");
                return map(document.get("spec"));
            }
        }
        throw new AssertionError("no CiliumNetworkPolicy " + name + " in " + kustomization);
    }

    private static Map<String, String> settings() {
        for (Map<String, Object> document : MiniKustomize.build(Manifests.BASE)) {
            if ("ConfigMap".equals(document.get("kind"))
                    && "aibatch-settings".equals(map(document.get("metadata")).get("name"))) {
                Map<String, String> data = new HashMap<>();
                map(document.get("data")).forEach((k, v) -> data.put(k, String.valueOf(v)));
                return data;
            }
        }
        throw new AssertionError("no aibatch-settings");
    }

    /** {@code port/protocol} of every port a Cilium rule opens. */
    private static Set<String> ports(Map<String, Object> rule) {
        Set<String> ports = new TreeSet<>();
        for (Map<String, Object> toPorts : maps(rule.getOrDefault("toPorts", List.of()))) {
            for (Map<String, Object> port : maps(toPorts.get("ports"))) {
                ports.add(port.get("port") + "/" + port.get("protocol"));
            }
        }
        return ports;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return (List<T>) value;
    }
}
