package io.aibatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Our KAITO manifests against the openAPIV3Schema of KAITO's CRDs (v0.12, in src/test/resources/kaito),
 * with a real JSON Schema validator. The CRD schemas do not forbid unknown fields (the API server would
 * prune them silently), so the check adds additionalProperties=false wherever Kubernetes would prune,
 * like {@code kubectl apply --validate=strict}: a misspelled field fails here instead of vanishing.
 */
class KaitoSchemaTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** CRD schemas are OpenAPI 3.0 schema objects plus Kubernetes' own x-kubernetes-* annotations. */
    private static final Dialect CRD_SCHEMA_DIALECT = Dialect.builder(Dialects.getOpenApi30())
            .keyword(new NonValidationKeyword("x-kubernetes-preserve-unknown-fields"))
            .keyword(new NonValidationKeyword("x-kubernetes-list-type"))
            .keyword(new NonValidationKeyword("x-kubernetes-list-map-keys"))
            .keyword(new NonValidationKeyword("x-kubernetes-map-type"))
            .keyword(new NonValidationKeyword("x-kubernetes-int-or-string"))
            .keyword(new NonValidationKeyword("x-kubernetes-validations"))
            .build();

    @Test
    void ourWorkspaceMatchesTheWorkspaceCrd() {
        assertThat(errors(manifest("kaito-workspace.yaml"))).isEmpty();
    }

    @Test
    void ourInferenceSetMatchesTheInferenceSetCrd() {
        assertThat(errors(manifest("kaito-inferenceset.yaml"))).isEmpty();
    }

    @Test
    void upstreamExamplesPassTheSameCheck() {
        for (String example : List.of(
                "kaito_workspace_phi_4_mini.yaml",
                "kaito_workspace_mistral_7b-instruct.yaml",
                "kaito_workspace_custom_config.yaml",
                "kaito_inferenceset_phi_4_mini.yaml")) {
            assertThat(errors(resource(example))).as(example).isEmpty();
        }
    }

    @Test
    void aMisspelledFieldIsRejected() {
        ObjectNode workspace = (ObjectNode) manifest("kaito-workspace.yaml");
        ObjectNode resource = (ObjectNode) workspace.get("resource");
        resource.set("instancetype", resource.remove("instanceType"));

        assertThat(errors(workspace)).anyMatch(error -> error.contains("instancetype"));
    }

    @Test
    void aMissingRequiredFieldAndAWrongEnumAreRejected() {
        ObjectNode inferenceSet = (ObjectNode) manifest("kaito-inferenceset.yaml");
        ((ObjectNode) inferenceSet.get("spec")).remove("template");
        assertThat(errors(inferenceSet)).anyMatch(error -> error.contains("template"));

        ObjectNode workspace = (ObjectNode) manifest("kaito-workspace.yaml");
        ((ObjectNode) workspace.get("inference").get("preset")).put("accessMode", "secret");
        assertThat(errors(workspace)).anyMatch(error -> error.contains("accessMode"));
    }

    @Test
    void ourKindsAndVersionsAreServedByTheCrds() {
        for (String file : List.of("kaito-workspace.yaml", "kaito-inferenceset.yaml")) {
            JsonNode manifest = manifest(file);
            JsonNode crd = crdFor(manifest.get("kind").asString());
            assertThat(crd.get("spec").get("names").get("kind").asString())
                    .isEqualTo(manifest.get("kind").asString());
            assertThat(versionOf(crd, manifest.get("apiVersion").asString())
                            .get("served")
                            .asBoolean())
                    .as(file)
                    .isTrue();
        }
    }

    // --- schema plumbing ---

    private static List<String> errors(JsonNode manifest) {
        JsonNode crd = crdFor(manifest.get("kind").asString());
        JsonNode schemaNode = strict(versionOf(crd, manifest.get("apiVersion").asString())
                .get("schema")
                .get("openAPIV3Schema")
                .deepCopy());
        Schema schema = SchemaRegistry.withDefaultDialect(CRD_SCHEMA_DIALECT).getSchema(schemaNode);
        List<String> errors = new ArrayList<>();
        for (Error error : schema.validate(manifest)) {
            errors.add(error.getInstanceLocation() + " " + error.getMessage());
        }
        return errors;
    }

    /** Forbids properties an object schema does not declare, unless it preserves unknown fields. */
    private static JsonNode strict(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties")
                    && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> strict(entry.getValue()));
        } else if (schema != null && schema.isArray()) {
            schema.forEach(KaitoSchemaTest::strict);
        }
        return schema;
    }

    private static JsonNode crdFor(String kind) {
        String file = Map.of("Workspace", "kaito.sh_workspaces.yaml", "InferenceSet", "kaito.sh_inferencesets.yaml")
                .get(kind);
        assertThat(file).as("a KAITO CRD for kind " + kind).isNotNull();
        return resource(file);
    }

    private static JsonNode versionOf(JsonNode crd, String apiVersion) {
        String group = crd.get("spec").get("group").asString();
        assertThat(apiVersion).as("apiVersion group").startsWith(group + "/");
        String version = apiVersion.substring(group.length() + 1);
        for (JsonNode candidate : crd.get("spec").get("versions")) {
            if (candidate.get("name").asString().equals(version)) {
                return candidate;
            }
        }
        throw new AssertionError("CRD " + crd.get("metadata").get("name") + " has no version " + version);
    }

    private static JsonNode manifest(String fileInAksGpuOverlay) {
        Path file = Manifests.AKS_GPU.resolve(fileInAksGpuOverlay);
        return JSON.valueToTree(Manifests.documents(file).get(0));
    }

    /** The KAITO document of a test resource (some upstream examples carry a ConfigMap first). */
    private static JsonNode resource(String name) {
        try (InputStream in = KaitoSchemaTest.class.getResourceAsStream("/kaito/" + name)) {
            assertThat(in).as("test resource kaito/" + name).isNotNull();
            var documents =
                    YAML.readValues(YAML.createParser(in), JsonNode.class).readAll();
            return documents.stream()
                    .filter(document -> document.path("apiVersion").asString("").startsWith("kaito.sh/")
                            || document.path("kind").asString("").equals("CustomResourceDefinition"))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
