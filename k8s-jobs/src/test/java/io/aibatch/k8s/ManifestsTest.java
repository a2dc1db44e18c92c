package io.aibatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestsTest {

    private static final java.util.Set<String> CLUSTER_SCOPED =
            java.util.Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

    static List<Path> resourceFiles() {
        return Manifests.allYamlFiles().stream()
                .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceFiles")
    void everyManifestParsesIntoFabric8ModelsWithoutUnknownFields(Path file) {
        List<Map<String, Object>> documents = Manifests.documents(file);
        assertThat(documents).as(file + " documents").isNotEmpty();
        for (Map<String, Object> document : documents) {
            HasMetadata resource = Manifests.toModel(document);
            assertThat(resource.getMetadata().getName())
                    .as(file + " metadata.name")
                    .isNotBlank();
            assertThat(resource.getMetadata().getNamespace())
                    .as(file + " " + Manifests.kindAndName(document) + " namespace")
                    .isIn(
                            CLUSTER_SCOPED.contains(resource.getKind())
                                    ? new String[] {null}
                                    : new String[] {"aibatch", "aibatch-models"});
            if (resource instanceof GenericKubernetesResource) {
                assertThat(resource.getApiVersion())
                        .as(file + ": only KAITO and Cilium kinds may be unknown to fabric8")
                        .matches("(kaito\\.sh|cilium\\.io)/.*");
            } else {
                assertThat(UnknownFields.in(resource))
                        .as(file + " fields fabric8 does not know (typos?)")
                        .isEmpty();
            }
        }
    }

    @Test
    void theUnknownFieldCheckCatchesATypo() {
        HasMetadata deployment = Manifests.toModel(Map.of(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "metadata",
                Map.of("name", "typo"),
                "spec",
                Map.of(
                        "template",
                        Map.of(
                                "spec",
                                Map.of(
                                        "containers",
                                        List.of(Map.of(
                                                "name",
                                                "app",
                                                "image",
                                                "app",
                                                "securityContxt",
                                                Map.of("runAsNonRoot", true))))))));

        assertThat(UnknownFields.in(deployment)).singleElement().asString().contains("containers[0]", "securityContxt");
    }

    @Test
    void everyKustomizationBuildsAndItsPatchesFindTheirTargets() {
        for (Path kustomization : Manifests.KUSTOMIZATIONS) {
            assertThat(MiniKustomize.build(kustomization))
                    .as(kustomization.toString())
                    .isNotEmpty();
        }
    }

    @Test
    void managerRoleIsLeastPrivilegeAndNamespaced() {
        List<HasMetadata> base = models(Manifests.BASE);
        assertThat(base).noneMatch(resource -> resource.getKind().startsWith("Cluster"));

        Role role = only(base, Role.class);
        Map<String, Set<String>> verbsByResource = role.getRules().stream()
                .flatMap(rule -> rule.getResources().stream().map(resource -> Map.entry(resource, rule)))
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> Set.copyOf(entry.getValue().getVerbs())));
        assertThat(verbsByResource)
                .containsOnly(
                        Map.entry("jobs", Set.of("create", "get", "list", "watch", "delete", "patch")),
                        Map.entry("pods", Set.of("get", "list", "watch")),
                        Map.entry("pods/log", Set.of("get", "list", "watch")));
        assertThat(role.getRules()).flatMap(PolicyRule::getApiGroups).containsOnly("batch", "");

        RoleBinding binding = only(base, RoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> assertThat(subject.getName())
                .isEqualTo("aibatch-manager"));
    }

    @Test
    void podsUseWorkloadIdentityServiceAccounts() {
        List<HasMetadata> base = models(Manifests.BASE);
        Map<String, ServiceAccount> accounts = base.stream()
                .filter(ServiceAccount.class::isInstance)
                .map(ServiceAccount.class::cast)
                .collect(Collectors.toMap(account -> account.getMetadata().getName(), account -> account));
        assertThat(accounts).containsOnlyKeys("aibatch-manager", "aibatch-worker");
        accounts.values().forEach(account -> assertThat(account.getMetadata().getAnnotations())
                .containsKey("azure.workload.identity/client-id"));

        Job manager = only(base, Job.class);
        assertThat(manager.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("aibatch-manager");
        assertThat(manager.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("azure.workload.identity/use", "true");
        CronJob cron = only(base, CronJob.class);
        assertThat(cron.getSpec()
                        .getJobTemplate()
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .containsEntry("azure.workload.identity/use", "true");
        Job worker =
                new IndexedJobFactory().build(FactoryExamples.plainWorkers().build());
        assertThat(accounts)
                .containsKey(worker.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertThat(worker.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("azure.workload.identity/use", "true");
    }

    @Test
    void managerJobRunsTheDocumentPipelineOnKubernetesPartitions() {
        List<HasMetadata> base = models(Manifests.BASE);
        Container manager = only(base, Job.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);

        // the image's ENTRYPOINT starts the JVM (its flags and class-data sharing archive): the manifests give
        // arguments only
        assertThat(manager.getCommand()).isEmpty();
        assertThat(String.join(" ", manager.getArgs()))
                .isEqualTo("run document-pipeline --input $(AIBATCH_INPUT_URL)"
                        + " --output $(AIBATCH_OUTPUT_URL) --partitions $(AIBATCH_PARTITIONS) --partition-handler kubernetes"
                        + " --job-repository $(AIBATCH_JOB_REPOSITORY_URL) --run-id $(AIBATCH_RUN_ID) --resume --work-dir /tmp/aibatch"
                        + " --ocr read-container --ocr-endpoint $(AIBATCH_OCR_URL) --llm-endpoint $(AIBATCH_LLM_URL)");
        ConfigMap settings = only(base, ConfigMap.class);
        for (String variable : List.of(
                "AIBATCH_INPUT_URL", "AIBATCH_OUTPUT_URL", "AIBATCH_PARTITIONS", "AIBATCH_JOB_REPOSITORY_URL")) {
            assertThat(settings.getData())
                    .as("settings used by the manager's arguments")
                    .containsKey(variable);
        }
        assertThat(settings.getData().get("AIBATCH_PARTITIONS")).isEqualTo("8");
        assertThat(settings.getData().get("AIBATCH_JOB_REPOSITORY_URL")).startsWith("jdbc:postgresql://");
        assertThat(manager.getEnv()).extracting(EnvVar::getName).contains(AibatchLabels.RUN_ID_ENV);
    }

    @Test
    void cronJobNeverOverlapsAndBoundsItsHistory() {
        CronJob cron = only(models(Manifests.BASE), CronJob.class);

        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cron.getSpec().getStartingDeadlineSeconds()).isPositive();
        assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isBetween(1, 10);
        assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isBetween(1, 10);
        PodSpec cronPod =
                cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        PodSpec jobPod =
                only(models(Manifests.BASE), Job.class).getSpec().getTemplate().getSpec();
        List<String> cronArgs = cronPod.getContainers().get(0).getArgs();
        // a scheduled run takes only what changed since the last successful one, into an output of its own
        assertThat(cronArgs).contains("--since-last-success", "$(AIBATCH_OUTPUT_URL)/$(AIBATCH_RUN_ID)");
        List<String> expectedJobArgs = cronArgs.stream()
                .filter(arg -> !arg.equals("--since-last-success"))
                .map(arg -> arg.replace("$(AIBATCH_OUTPUT_URL)/$(AIBATCH_RUN_ID)", "$(AIBATCH_OUTPUT_URL)"))
                .toList();
        assertThat(jobPod.getContainers().get(0).getArgs())
                .as("otherwise the CronJob runs the same manager as the one-off Job")
                .isEqualTo(expectedJobArgs);
        cronPod.getContainers().get(0).setArgs(jobPod.getContainers().get(0).getArgs());
        assertThat(cronPod).isEqualTo(jobPod);
    }

    @Test
    void readOcrContainerIsConfiguredAsAzureRequires() {
        List<HasMetadata> base = models(Manifests.BASE);
        Deployment deployment = only(base, Deployment.class);
        Container read =
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(read.getImage())
                .isEqualTo("mcr.microsoft.com/azure-cognitive-services/vision/read:3.2-model-2022-04-30");
        Map<String, EnvVar> env =
                read.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, variable -> variable));
        assertThat(env.get("Eula").getValue()).isEqualTo("accept");
        assertThat(env.get("Billing").getValueFrom().getConfigMapKeyRef().getKey())
                .isEqualTo("READ_OCR_BILLING_ENDPOINT");
        assertThat(env.get("ApiKey").getValueFrom().getSecretKeyRef().getName()).isEqualTo("azure-ai-read");
        assertThat(read.getResources().getRequests())
                .containsEntry("cpu", new io.fabric8.kubernetes.api.model.Quantity("8"))
                .containsEntry("memory", new io.fabric8.kubernetes.api.model.Quantity("16Gi"));
        assertThat(read.getPorts()).singleElement().satisfies(port -> assertThat(port.getContainerPort())
                .isEqualTo(5000));

        Service service = only(base, Service.class);
        assertThat(service.getSpec().getSelector())
                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> assertThat(port.getPort())
                .isEqualTo(5000));
        assertThat(((Map<String, Object>) Manifests.documents(Manifests.BASE.resolve("settings.yaml"))
                                .get(0)
                                .get("data"))
                        .get("AIBATCH_OCR_URL"))
                .isEqualTo("http://read-ocr.aibatch.svc.cluster.local:5000");
    }

    @Test
    void batchPodsMayOnlyReachAiServicesAndDnsInTheCluster() {
        List<HasMetadata> base = models(Manifests.BASE);
        NetworkPolicy egress = base.stream()
                .filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast)
                .filter(policy -> policy.getMetadata().getName().equals("aibatch-egress"))
                .findFirst()
                .orElseThrow();

        Set<Integer> ports = egress.getSpec().getEgress().stream()
                .flatMap(rule -> rule.getPorts().stream())
                .map(NetworkPolicyPort::getPort)
                .map(port -> port.getIntVal())
                .collect(Collectors.toSet());
        // 443 and 5432 leave the cluster only by name: see EgressPolicyTest
        assertThat(ports).containsExactlyInAnyOrder(5000, 53);
        assertThat(egress.getSpec().getEgress()).allSatisfy(rule -> assertThat(rule.getTo())
                .as("every rule names its peers")
                .isNotEmpty());
        assertThat(egress.getSpec().getEgress()).allSatisfy(rule -> assertThat(rule.getPorts())
                .as("no rule opens every port")
                .isNotEmpty());

        // the policy covers the manager pods of the manifests and the worker pods the factory generates
        LabelSelector selected = egress.getSpec().getPodSelector();
        Job worker =
                new IndexedJobFactory().build(FactoryExamples.plainWorkers().build());
        assertThat(worker.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(selected.getMatchLabels());
        assertThat(only(base, Job.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(selected.getMatchLabels());
        // and the OCR pods are what the AI-service rule lets them reach
        assertThat(only(base, Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .containsAllEntriesOf(egress.getSpec()
                        .getEgress()
                        .get(0)
                        .getTo()
                        .get(0)
                        .getPodSelector()
                        .getMatchLabels());
    }

    @Test
    void costSamplingOnAksGrantsTheManagerReadingNodesAndNothingMore() {
        List<HasMetadata> gpu = models(Manifests.AKS_GPU);
        ClusterRole role = only(gpu, ClusterRole.class);
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactly("nodes");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list");
        });
        ClusterRoleBinding binding = only(gpu, ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("aibatch-manager");
            assertThat(subject.getNamespace()).isEqualTo("aibatch");
        });
        // the component's settings reach the ConfigMap the manager reads, next to the overlay's own
        assertThat(only(gpu, ConfigMap.class).getData())
                .containsEntry("AIBATCH_COST_SAMPLE_ENABLED", "true")
                .containsEntry("AIBATCH_COST_SAMPLE_NODESELECTOR", "kubernetes.azure.com/agentpool=gpu")
                .containsEntry("AIBATCH_KUBERNETES_GPUS", "1");
        // dev does without: configured pools, no cluster-scoped permission
        assertThat(models(Manifests.DEV))
                .noneMatch(resource -> resource.getKind().startsWith("Cluster"));
    }

    @Test
    void overlaysPlaceWorkersOnGpusAndShrinkDev() {
        ConfigMap gpuSettings = only(models(Manifests.AKS_GPU), ConfigMap.class);
        assertThat(gpuSettings.getData())
                .containsEntry("AIBATCH_KUBERNETES_NODESELECTORLABELS", "kubernetes.azure.com/agentpool=gpu")
                .containsEntry("AIBATCH_KUBERNETES_GPUS", "1")
                .containsEntry("AIBATCH_PARTITIONS", "8");
        assertThat(models(Manifests.AKS_GPU)).extracting(HasMetadata::getKind).contains("Workspace", "InferenceSet");

        List<HasMetadata> dev = models(Manifests.DEV);
        assertThat(only(dev, ConfigMap.class).getData())
                .containsEntry("AIBATCH_PARTITIONS", "2")
                .containsEntry("AIBATCH_KUBERNETES_NODESELECTORLABELS", "");
        assertThat(only(dev, CronJob.class).getSpec().getSuspend()).isTrue();
        assertThat(only(dev, Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getResources()
                        .getLimits()
                        .get("cpu"))
                .isEqualTo(new io.fabric8.kubernetes.api.model.Quantity("2"));
        assertThat(models(Manifests.DEV)).extracting(HasMetadata::getKind).doesNotContain("Workspace", "InferenceSet");
    }

    private static List<HasMetadata> models(Path kustomization) {
        return MiniKustomize.build(kustomization).stream()
                .map(Manifests::toModel)
                .toList();
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> resources, Class<T> type) {
        List<T> matching =
                resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as("resources of kind " + type.getSimpleName()).hasSize(1);
        return matching.get(0);
    }
}
