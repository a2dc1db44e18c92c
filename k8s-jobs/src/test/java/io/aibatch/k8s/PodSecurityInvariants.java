package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The security and resource rules every aibatch pod spec keeps. Each rule is checked per container:
 * non-root, read-only root filesystem with a writable emptyDir on /tmp, no privilege escalation, all
 * capabilities dropped, RuntimeDefault seccomp, CPU and memory requests and limits.
 */
final class PodSecurityInvariants {

    private PodSecurityInvariants() {}

    /** The pod spec a workload resource carries, if it carries one (KAITO resources, Services, ... do not). */
    static Optional<PodSpec> podSpecOf(HasMetadata resource) {
        if (resource instanceof Deployment deployment) {
            return Optional.of(deployment.getSpec().getTemplate().getSpec());
        }
        if (resource instanceof StatefulSet statefulSet) {
            return Optional.of(statefulSet.getSpec().getTemplate().getSpec());
        }
        if (resource instanceof DaemonSet daemonSet) {
            return Optional.of(daemonSet.getSpec().getTemplate().getSpec());
        }
        if (resource instanceof Job job) {
            return Optional.of(job.getSpec().getTemplate().getSpec());
        }
        if (resource instanceof CronJob cronJob) {
            return Optional.of(
                    cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
        }
        if (resource instanceof io.fabric8.kubernetes.api.model.Pod pod) {
            return Optional.of(pod.getSpec());
        }
        return Optional.empty();
    }

    /** What is wrong with the pod spec, one line per broken rule; empty when all rules hold. */
    static List<String> violations(String where, PodSpec pod) {
        List<String> problems = new ArrayList<>();
        PodSecurityContext podContext =
                pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
        if (Boolean.TRUE.equals(pod.getHostNetwork())
                || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            problems.add(where + ": uses a host namespace (hostNetwork/hostPID/hostIPC)");
        }
        List<Container> containers = Stream.concat(
                        pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream(),
                        pod.getContainers() == null ? Stream.empty() : pod.getContainers().stream())
                .toList();
        if (containers.isEmpty()) {
            problems.add(where + ": has no container");
        }
        for (Container container : containers) {
            String at = where + " container " + container.getName();
            SecurityContext context =
                    container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
            boolean nonRoot = Boolean.TRUE.equals(context.getRunAsNonRoot())
                    || (context.getRunAsNonRoot() == null && Boolean.TRUE.equals(podContext.getRunAsNonRoot()));
            if (!nonRoot) {
                problems.add(at + ": runAsNonRoot is not true");
            }
            if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
                problems.add(at + ": readOnlyRootFilesystem is not true");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                problems.add(at + ": allowPrivilegeEscalation is not false");
            }
            if (Boolean.TRUE.equals(context.getPrivileged())) {
                problems.add(at + ": is privileged");
            }
            if (context.getCapabilities() == null
                    || context.getCapabilities().getDrop() == null
                    || !context.getCapabilities().getDrop().contains("ALL")) {
                problems.add(at + ": capabilities do not drop ALL");
            } else if (context.getCapabilities().getAdd() != null
                    && !context.getCapabilities().getAdd().isEmpty()) {
                problems.add(
                        at + ": adds capabilities " + context.getCapabilities().getAdd());
            }
            String seccomp = context.getSeccompProfile() != null
                    ? context.getSeccompProfile().getType()
                    : podContext.getSeccompProfile() != null
                            ? podContext.getSeccompProfile().getType()
                            : null;
            if (!"RuntimeDefault".equals(seccomp)) {
                problems.add(at + ": seccompProfile is " + seccomp + ", not RuntimeDefault");
            }
            problems.addAll(resourceViolations(at, container));
            if (!mountsEmptyDirOnTmp(container, pod)) {
                problems.add(at + ": has no writable emptyDir mounted on /tmp");
            }
        }
        return problems;
    }

    private static List<String> resourceViolations(String at, Container container) {
        List<String> problems = new ArrayList<>();
        if (container.getResources() == null) {
            return List.of(at + ": has no resources");
        }
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        for (String resource : List.of("cpu", "memory")) {
            if (requests == null || !requests.containsKey(resource)) {
                problems.add(at + ": no " + resource + " request");
            }
            if (limits == null || !limits.containsKey(resource)) {
                problems.add(at + ": no " + resource + " limit");
            }
        }
        return problems;
    }

    private static boolean mountsEmptyDirOnTmp(Container container, PodSpec pod) {
        if (container.getVolumeMounts() == null || pod.getVolumes() == null) {
            return false;
        }
        return container.getVolumeMounts().stream()
                .filter(mount -> "/tmp".equals(mount.getMountPath()) && !Boolean.TRUE.equals(mount.getReadOnly()))
                .anyMatch(mount -> pod.getVolumes().stream()
                        .filter(volume -> volume.getName().equals(mount.getName()))
                        .map(Volume::getEmptyDir)
                        .anyMatch(emptyDir -> emptyDir != null));
    }
}
