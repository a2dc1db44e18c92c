package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.Set;

/**
 * A toleration of a node taint. With no value it tolerates the key whatever its value (operator Exists).
 *
 * @param key    taint key, e.g. {@code nvidia.com/gpu}
 * @param value  taint value, or null to match any value
 * @param effect NoSchedule, PreferNoSchedule or NoExecute
 */
public record PodToleration(String key, String value, String effect) {

    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    public PodToleration {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(
                    "toleration key is empty: name the node taint to tolerate, e.g. nvidia.com/gpu");
        }
        if (!EFFECTS.contains(effect)) {
            throw new IllegalArgumentException(
                    "toleration effect '" + effect + "' for key " + key + " is not one of " + EFFECTS);
        }
    }

    /** Tolerates the taint AKS GPU pools are commonly given: {@code nvidia.com/gpu:NoSchedule}. */
    public static PodToleration gpuNoSchedule() {
        return new PodToleration(ContainerResources.GPU_RESOURCE, null, "NoSchedule");
    }

    public Toleration toToleration() {
        TolerationBuilder builder = new TolerationBuilder().withKey(key).withEffect(effect);
        return value == null
                ? builder.withOperator("Exists").build()
                : builder.withOperator("Equal").withValue(value).build();
    }
}
