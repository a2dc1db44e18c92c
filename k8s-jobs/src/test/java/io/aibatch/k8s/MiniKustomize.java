package io.aibatch.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Just enough of kustomize for the tests (kustomize itself is not installed here): resources
 * (files and directories), components (their resources added and their patches applied after the
 * resources, before the including kustomization's own patches, as kustomize orders them) and patches
 * given by path, applied as strategic merge patches that
 * merge maps key by key and merge lists of named objects (containers, env) by name. Anything else
 * in a kustomization (images, generators, JSON patches) is ignored. A patch whose target is missing
 * fails, so a renamed resource cannot leave an overlay silently doing nothing.
 */
final class MiniKustomize {

    private MiniKustomize() {}

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> build(Path directory) {
        Map<String, Object> kustomization = kustomization(directory);
        List<Map<String, Object>> resources = resourcesOf(directory, kustomization);
        for (Object entry : (List<Object>) kustomization.getOrDefault("components", List.of())) {
            Path component = directory.resolve(entry.toString()).normalize();
            Map<String, Object> componentKustomization = kustomization(component);
            if (!"Component".equals(componentKustomization.get("kind"))) {
                throw new AssertionError(directory + " lists " + entry + " as a component, but it is a "
                        + componentKustomization.get("kind"));
            }
            resources.addAll(resourcesOf(component, componentKustomization));
            applyPatches(component, componentKustomization, resources);
        }
        applyPatches(directory, kustomization, resources);
        return resources;
    }

    private static Map<String, Object> kustomization(Path directory) {
        Path kustomizationFile = directory.resolve("kustomization.yaml");
        if (!Files.exists(kustomizationFile)) {
            throw new AssertionError(directory + " has no kustomization.yaml");
        }
        return Manifests.documents(kustomizationFile).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resourcesOf(Path directory, Map<String, Object> kustomization) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : (List<Object>) kustomization.getOrDefault("resources", List.of())) {
            Path resource = directory.resolve(entry.toString()).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(build(resource));
            } else if (Files.exists(resource)) {
                resources.addAll(Manifests.documents(resource));
            } else {
                throw new AssertionError(
                        directory.resolve("kustomization.yaml") + " lists " + entry + ", which does not exist");
            }
        }
        return resources;
    }

    @SuppressWarnings("unchecked")
    private static void applyPatches(
            Path directory, Map<String, Object> kustomization, List<Map<String, Object>> resources) {
        Path kustomizationFile = directory.resolve("kustomization.yaml");
        for (Object entry : (List<Object>) kustomization.getOrDefault("patches", List.of())) {
            Object path = ((Map<String, Object>) entry).get("path");
            Path patchFile = directory.resolve(Objects.toString(path)).normalize();
            if (path == null || !Files.exists(patchFile)) {
                throw new AssertionError(kustomizationFile + " has patch " + entry + " without an existing path");
            }
            for (Map<String, Object> patch : Manifests.documents(patchFile)) {
                Map<String, Object> target = resources.stream()
                        .filter(resource -> sameObject(resource, patch))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(patchFile + " patches " + Manifests.kindAndName(patch)
                                + ", which is not among the resources of " + directory));
                resources.set(resources.indexOf(target), (Map<String, Object>) merge(target, patch));
            }
        }
    }

    /** Strategic-merge-like: maps merge, lists of named maps merge by name, null deletes, the rest is replaced. */
    @SuppressWarnings("unchecked")
    static Object merge(Object original, Object patch) {
        if (original instanceof Map<?, ?> originalMap && patch instanceof Map<?, ?> patchMap) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) originalMap);
            ((Map<String, Object>) patchMap).forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, merged.containsKey(key) ? merge(merged.get(key), value) : value);
                }
            });
            return merged;
        }
        if (original instanceof List<?> originalList
                && patch instanceof List<?> patchList
                && allNamed(originalList)
                && allNamed(patchList)) {
            List<Object> merged = new ArrayList<>(originalList);
            for (Object patchItem : patchList) {
                Object name = ((Map<?, ?>) patchItem).get("name");
                int index = indexOfName(merged, name);
                if (index < 0) {
                    merged.add(patchItem);
                } else {
                    merged.set(index, merge(merged.get(index), patchItem));
                }
            }
            return merged;
        }
        return patch;
    }

    private static boolean sameObject(Map<String, Object> resource, Map<String, Object> patch) {
        return Objects.equals(resource.get("kind"), patch.get("kind"))
                && Objects.equals(
                        metadata(resource).get("name"), metadata(patch).get("name"))
                && Objects.equals(
                        metadata(resource).get("namespace"), metadata(patch).get("namespace"));
    }

    private static Map<?, ?> metadata(Map<String, Object> document) {
        return document.get("metadata") instanceof Map<?, ?> metadata ? metadata : Map.of();
    }

    private static boolean allNamed(List<?> list) {
        return !list.isEmpty()
                && list.stream().allMatch(item -> item instanceof Map<?, ?> map && map.get("name") != null);
    }

    private static int indexOfName(List<Object> list, Object name) {
        for (int index = 0; index < list.size(); index++) {
            if (Objects.equals(((Map<?, ?>) list.get(index)).get("name"), name)) {
                return index;
            }
        }
        return -1;
    }
}
