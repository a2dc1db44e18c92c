package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * The hardened security settings every aibatch pod uses (the same ones the YAML manifests carry):
 * non-root user 65532, read-only root filesystem, no privilege escalation, all capabilities dropped,
 * the runtime's default seccomp profile, and a writable emptyDir on /tmp.
 */
public final class PodSecurity {

    public static final long NON_ROOT_USER = 65532L;
    public static final String TMP_VOLUME = "tmp";
    public static final String TMP_PATH = "/tmp";
    private static final String TMP_SIZE_LIMIT = "1Gi";

    private PodSecurity() {}

    public static PodSecurityContext podSecurityContext() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(NON_ROOT_USER)
                .withRunAsGroup(NON_ROOT_USER)
                .withFsGroup(NON_ROOT_USER)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }

    public static SecurityContext containerSecurityContext() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }

    public static Volume tmpVolume() {
        return new VolumeBuilder()
                .withName(TMP_VOLUME)
                .withNewEmptyDir()
                .withNewSizeLimit(TMP_SIZE_LIMIT)
                .endEmptyDir()
                .build();
    }

    public static VolumeMount tmpMount() {
        return new VolumeMountBuilder()
                .withName(TMP_VOLUME)
                .withMountPath(TMP_PATH)
                .build();
    }
}
