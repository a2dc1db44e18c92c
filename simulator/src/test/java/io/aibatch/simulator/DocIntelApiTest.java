package io.aibatch.simulator;

import static io.aibatch.simulator.SpecSchemas.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.simulator.config.SimulatorConfig;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DocIntelApiTest {

    private static final String API = "?api-version=2023-07-31";
    private static Simulator sim;
    private static SimClient client;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults()
                .withBackend(Backend.DOC_INTEL, b -> b.withServiceTime(30, 10).withJitterSigma(0)));
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
    }

    private static JsonNode analyzeAndWait(String model, String query, String contentType, byte[] body)
            throws Exception {
        HttpResponse<String> post = client.postBytes(
                "/formrecognizer/documentModels/" + model + ":analyze" + API + query, contentType, body);
        assertThat(post.statusCode()).as(post.body()).isEqualTo(202);
        String location = post.headers().firstValue("Operation-Location").orElseThrow();
        assertThat(location)
                .startsWith(sim.baseUrl() + "/formrecognizer/documentModels/" + model + "/analyzeResults/")
                .endsWith(API);
        for (int i = 0; i < 500; i++) {
            HttpResponse<String> r = client.get(location);
            assertThat(r.statusCode()).isEqualTo(200);
            assertValid(SpecSchemas.docIntel("AnalyzeResultOperation"), r.body());
            JsonNode op = SimClient.json(r);
            if (op.get("status").asString().equals("succeeded")) {
                return op;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("never finished");
    }

    @Test
    void layoutOfAPdfIsSchemaValidAndSpansPointIntoContent() throws Exception {
        JsonNode op =
                analyzeAndWait("prebuilt-layout", "&pages=1,3", "application/pdf", TestDocuments.pdf(3, "layout"));
        JsonNode result = op.get("analyzeResult");
        assertThat(result.get("apiVersion").asString()).isEqualTo("2023-07-31");
        assertThat(result.get("modelId").asString()).isEqualTo("prebuilt-layout");
        assertThat(result.get("stringIndexType").asString()).isEqualTo("textElements");
        assertThat(result.get("tables").isArray()).isTrue();
        assertThat(result.get("paragraphs").size()).isGreaterThan(0);
        JsonNode pages = result.get("pages");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(1).get("pageNumber").asInt()).isEqualTo(3);
        assertThat(pages.get(0).get("unit").asString()).isEqualTo("inch");
        String content = result.get("content").asString();
        for (JsonNode page : pages) {
            for (JsonNode word : page.get("words")) {
                int offset = word.get("span").get("offset").asInt();
                int length = word.get("span").get("length").asInt();
                assertThat(content.substring(offset, offset + length))
                        .isEqualTo(word.get("content").asString());
            }
            for (JsonNode line : page.get("lines")) {
                JsonNode span = line.get("spans").get(0);
                assertThat(content.substring(
                                span.get("offset").asInt(),
                                span.get("offset").asInt() + span.get("length").asInt()))
                        .isEqualTo(line.get("content").asString());
            }
        }
    }

    @Test
    void readModelTakesBase64AndImages() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(TestDocuments.png(640, 480, 9));
        HttpResponse<String> post = client.postJson(
                "/formrecognizer/documentModels/prebuilt-read:analyze" + API, Map.of("base64Source", b64));
        assertThat(post.statusCode()).isEqualTo(202);
        JsonNode op = analyzeAndWait(
                "prebuilt-read", "&stringIndexType=utf16CodeUnit", "image/png", TestDocuments.png(640, 480, 9));
        JsonNode result = op.get("analyzeResult");
        assertThat(result.has("tables")).isFalse();
        assertThat(result.get("stringIndexType").asString()).isEqualTo("utf16CodeUnit");
        assertThat(result.get("pages").get(0).get("unit").asString()).isEqualTo("pixel");
        assertThat(result.get("pages").get(0).get("width").asInt()).isEqualTo(640);
    }

    @Test
    void errorsUseTheErrorResponseShape() throws Exception {
        HttpResponse<String> unknownModel = client.postBytes(
                "/formrecognizer/documentModels/prebuilt-invoice:analyze" + API,
                "application/pdf",
                TestDocuments.pdf(1, "x"));
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertValid(SpecSchemas.docIntel("ErrorResponse"), unknownModel.body());
        assertThat(SimClient.json(unknownModel)
                        .get("error")
                        .get("innererror")
                        .get("code")
                        .asString())
                .isEqualTo("ModelNotFound");

        HttpResponse<String> wrongVersion = client.postBytes(
                "/formrecognizer/documentModels/prebuilt-read:analyze?api-version=2022-01-30-preview",
                "application/pdf",
                TestDocuments.pdf(1, "x"));
        assertThat(wrongVersion.statusCode()).isEqualTo(404);
        assertValid(SpecSchemas.docIntel("ErrorResponse"), wrongVersion.body());

        HttpResponse<String> noVersion = client.postBytes(
                "/formrecognizer/documentModels/prebuilt-read:analyze", "application/pdf", TestDocuments.pdf(1, "x"));
        assertThat(noVersion.statusCode()).isEqualTo(404);

        HttpResponse<String> garbage = client.postBytes(
                "/formrecognizer/documentModels/prebuilt-read:analyze" + API,
                "application/octet-stream",
                "plain words".getBytes());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.docIntel("ErrorResponse"), garbage.body());
        assertThat(SimClient.json(garbage)
                        .get("error")
                        .get("innererror")
                        .get("code")
                        .asString())
                .isEqualTo("InvalidContent");

        HttpResponse<String> pages = client.postBytes(
                "/formrecognizer/documentModels/prebuilt-read:analyze" + API + "&pages=2-",
                "application/pdf",
                TestDocuments.pdf(3, "x"));
        assertThat(pages.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.docIntel("ErrorResponse"), pages.body());

        HttpResponse<String> noSource =
                client.postJson("/formrecognizer/documentModels/prebuilt-read:analyze" + API, Map.of());
        assertThat(noSource.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.docIntel("ErrorResponse"), noSource.body());

        HttpResponse<String> unknownResult = client.get("/formrecognizer/documentModels/prebuilt-read/analyzeResults/"
                + "0b3a0f7e-0000-4000-8000-000000000000" + API);
        assertThat(unknownResult.statusCode()).isEqualTo(404);
        assertValid(SpecSchemas.docIntel("ErrorResponse"), unknownResult.body());
    }
}
