package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU and memory requests and limits of one container, plus whole GPUs. Both requests and limits are
 * required: every container of aibatch declares both.
 *
 * @param cpuRequest    e.g. "500m"
 * @param memoryRequest e.g. "1Gi"
 * @param cpuLimit      e.g. "2"
 * @param memoryLimit   e.g. "2Gi"
 * @param gpus          number of {@code nvidia.com/gpu}; 0 for none (request = limit, as Kubernetes requires)
 */
public record ContainerResources(
        String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit, int gpus) {

    public static final String GPU_RESOURCE = "nvidia.com/gpu";

    public ContainerResources {
        requireQuantity(cpuRequest, "cpuRequest", "500m");
        requireQuantity(memoryRequest, "memoryRequest", "1Gi");
        requireQuantity(cpuLimit, "cpuLimit", "2");
        requireQuantity(memoryLimit, "memoryLimit", "2Gi");
        if (gpus < 0) {
            throw new IllegalArgumentException(
                    "gpus is " + gpus + ": use 0 for a CPU-only container or the number of whole GPUs");
        }
        if (amount(cpuRequest).compareTo(amount(cpuLimit)) > 0) {
            throw new IllegalArgumentException("cpuRequest " + cpuRequest + " is above cpuLimit " + cpuLimit
                    + ": raise the limit or lower the request");
        }
        if (amount(memoryRequest).compareTo(amount(memoryLimit)) > 0) {
            throw new IllegalArgumentException("memoryRequest " + memoryRequest + " is above memoryLimit " + memoryLimit
                    + ": raise the limit or lower the request");
        }
    }

    /** Requests equal to limits (Guaranteed QoS when every container does this). */
    public static ContainerResources guaranteed(String cpu, String memory) {
        return new ContainerResources(cpu, memory, cpu, memory, 0);
    }

    public ContainerResources withGpus(int count) {
        return new ContainerResources(cpuRequest, memoryRequest, cpuLimit, memoryLimit, count);
    }

    public ResourceRequirements toRequirements() {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(cpuRequest));
        requests.put("memory", new Quantity(memoryRequest));
        Map<String, Quantity> limits = new LinkedHashMap<>();
        limits.put("cpu", new Quantity(cpuLimit));
        limits.put("memory", new Quantity(memoryLimit));
        if (gpus > 0) {
            requests.put(GPU_RESOURCE, new Quantity(Integer.toString(gpus)));
            limits.put(GPU_RESOURCE, new Quantity(Integer.toString(gpus)));
        }
        return new ResourceRequirementsBuilder()
                .withRequests(requests)
                .withLimits(limits)
                .build();
    }

    private static void requireQuantity(String value, String what, String example) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    what + " is missing: every container needs CPU and memory requests and limits, e.g. " + example);
        }
        try {
            amount(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    what + " '" + value + "' is not a Kubernetes quantity: write it like " + example, e);
        }
    }

    private static java.math.BigDecimal amount(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity));
    }
}
