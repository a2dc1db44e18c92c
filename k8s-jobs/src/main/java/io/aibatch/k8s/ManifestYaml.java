package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.stream.Collectors;

/** Renders what would be sent to the API server, for {@code --dry-run}. */
public final class ManifestYaml {

    private ManifestYaml() {}

    /** One YAML document per resource, separated by "---", ready for {@code kubectl apply -f -}. */
    public static String render(List<? extends HasMetadata> resources) {
        return resources.stream()
                .map(Serialization::asYaml)
                .map(ManifestYaml::withoutLeadingMarker)
                .collect(Collectors.joining("---\n", "---\n", ""));
    }

    public static String render(HasMetadata resource) {
        return render(List.of(resource));
    }

    private static String withoutLeadingMarker(String yaml) {
        String body = yaml.startsWith("---") ? yaml.substring(yaml.indexOf('\n') + 1) : yaml;
        return body.endsWith("\n") ? body : body + "\n";
    }
}
