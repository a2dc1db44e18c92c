package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the YAML under k8s-jobs/manifests, as plain maps or as fabric8 models. */
final class Manifests {

    static final Path ROOT = Path.of("manifests");
    static final Path BASE = ROOT.resolve("base");
    static final Path AKS_GPU = ROOT.resolve("overlays/aks-gpu");
    static final Path DEV = ROOT.resolve("overlays/dev");
    static final List<Path> KUSTOMIZATIONS = List.of(BASE, AKS_GPU, DEV);

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private Manifests() {}

    /** Every .yaml file under manifests/, kustomization files included. */
    static List<Path> allYamlFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of a multi-document YAML file, each as a map (empty documents skipped). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            try (var parser = YAML.createParser(Files.newInputStream(file))) {
                var iterator = YAML.readValues(parser, Map.class);
                while (iterator.hasNext()) {
                    Map<String, Object> document = iterator.next();
                    if (document != null && !document.isEmpty()) {
                        documents.add(document);
                    }
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A map as the fabric8 model of its kind (GenericKubernetesResource for kinds fabric8 does not know). */
    static HasMetadata toModel(Map<String, Object> document) {
        return KUBERNETES.unmarshal(JSON.writeValueAsString(document));
    }

    static String kindAndName(Map<String, Object> document) {
        Object metadata = document.get("metadata");
        Object name = metadata instanceof Map<?, ?> meta ? meta.get("name") : null;
        return document.get("kind") + "/" + name;
    }
}
