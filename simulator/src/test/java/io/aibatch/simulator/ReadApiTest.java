package io.aibatch.simulator;

import static io.aibatch.simulator.SpecSchemas.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aibatch.simulator.config.SimulatorConfig;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReadApiTest {

    private static Simulator sim;
    private static SimClient client;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults()
                .withBackend(Backend.READ, b -> b.withServiceTime(30, 10).withJitterSigma(0)));
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
    }

    static JsonNode pollUntilDone(SimClient client, String operationLocation) throws Exception {
        for (int i = 0; i < 500; i++) {
            HttpResponse<String> r = client.get(operationLocation);
            assertThat(r.statusCode()).isEqualTo(200);
            assertValid(SpecSchemas.read("ReadOperationResult"), r.body());
            JsonNode body = SimClient.json(r);
            String status = body.get("status").asString();
            if (status.equals("succeeded") || status.equals("failed")) {
                return body;
            }
            assertThat(status).isIn("notStarted", "running");
            Thread.sleep(10);
        }
        throw new AssertionError("operation never finished");
    }

    @Test
    void analyzeImageAnswers202ThenASchemaValidResult() throws Exception {
        HttpResponse<String> post = client.postBytes(
                "/vision/v3.2/read/analyze?language=en&readingOrder=natural",
                "application/octet-stream",
                TestDocuments.png(800, 600, 1));
        assertThat(post.statusCode()).isEqualTo(202);
        String location = post.headers().firstValue("Operation-Location").orElseThrow();
        assertThat(location).matches(sim.baseUrl() + "/vision/v3\\.2/read/analyzeResults/[0-9a-f-]{36}");

        JsonNode done = pollUntilDone(client, location);
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        JsonNode result = done.get("analyzeResult");
        assertThat(result.get("version").asString()).isEqualTo("3.2.0");
        assertThat(result.get("modelVersion").asString()).isEqualTo("2022-04-30");
        JsonNode page = result.get("readResults").get(0);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("unit").asString()).isEqualTo("pixel");
        assertThat(page.get("width").asInt()).isEqualTo(800);
        assertThat(page.get("height").asInt()).isEqualTo(600);
        JsonNode line = page.get("lines").get(0);
        assertThat(line.get("boundingBox")).hasSize(8);
        assertThat(line.get("words").get(0).get("boundingBox")).hasSize(8);
        assertThat(line.get("appearance").get("style").get("name").asString()).isEqualTo("other");
        assertThat(sim.stats(Backend.READ).unitsProcessed()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void pdfPagesAreCountedAndSelectable() throws Exception {
        HttpResponse<String> post = client.postBytes(
                "/vision/v3.2/read/analyze?pages=2-3", "application/pdf", TestDocuments.pdf(4, "pdf-pages"));
        assertThat(post.statusCode()).isEqualTo(202);
        JsonNode result = pollUntilDone(
                        client, post.headers().firstValue("Operation-Location").orElseThrow())
                .get("analyzeResult");
        JsonNode pages = result.get("readResults");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).get("page").asInt()).isEqualTo(2);
        assertThat(pages.get(1).get("page").asInt()).isEqualTo(3);
        assertThat(pages.get(0).get("unit").asString()).isEqualTo("inch");
        assertThat(pages.get(0).get("width").asDouble()).isEqualTo(8.5);
        assertThat(pages.get(0).get("height").asDouble()).isEqualTo(11.0);
    }

    @Test
    void syncAnalyzeAnswersTheOperationResultDirectly() throws Exception {
        HttpResponse<String> r = client.postBytes(
                "/vision/v3.2/read/syncAnalyze", "application/octet-stream", TestDocuments.png(300, 300, 2));
        assertThat(r.statusCode()).isEqualTo(200);
        assertValid(SpecSchemas.read("ReadOperationResult"), r.body());
        JsonNode body = SimClient.json(r);
        assertThat(body.get("status").asString()).isEqualTo("succeeded");
        assertValid(
                SpecSchemas.read("analyzeResults"), body.get("analyzeResult").toString());
    }

    @Test
    void errorsUseTheComputerVisionErrorShape() throws Exception {
        HttpResponse<String> notImage = client.postBytes(
                "/vision/v3.2/read/analyze", "application/octet-stream", "just some text, not an image".getBytes());
        assertThat(notImage.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.read("ComputerVisionError"), notImage.body());
        assertThat(SimClient.json(notImage).get("code").asString()).isEqualTo("InvalidImageFormat");

        HttpResponse<String> empty =
                client.postBytes("/vision/v3.2/read/analyze", "application/octet-stream", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.read("ComputerVisionError"), empty.body());
        assertThat(SimClient.json(empty).get("code").asString()).isEqualTo("InvalidImageSize");

        HttpResponse<String> tiny =
                client.postBytes("/vision/v3.2/read/analyze", "application/octet-stream", TestDocuments.png(20, 20, 0));
        assertThat(SimClient.json(tiny).get("code").asString()).isEqualTo("InvalidImageDimension");

        HttpResponse<String> unknownOp =
                client.get("/vision/v3.2/read/analyzeResults/00000000-0000-0000-0000-000000000000");
        assertThat(unknownOp.statusCode()).isEqualTo(404);
        assertValid(SpecSchemas.read("ComputerVisionError"), unknownOp.body());

        HttpResponse<String> language = client.postBytes(
                "/vision/v3.2/read/analyze?language=xx", "application/octet-stream", TestDocuments.png(100, 100, 0));
        assertThat(language.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(language).get("code").asString()).isEqualTo("NotSupportedLanguage");

        HttpResponse<String> range =
                client.postBytes("/vision/v3.2/read/analyze?pages=3-1", "application/pdf", TestDocuments.pdf(3, "r"));
        assertThat(SimClient.json(range).get("code").asString()).isEqualTo("InvalidPageRange");

        HttpResponse<String> remote =
                client.postJson("/vision/v3.2/read/analyze", Map.of("url", "https://example.com/a.png"));
        assertThat(remote.statusCode()).isEqualTo(400);
        assertValid(SpecSchemas.read("ComputerVisionError"), remote.body());
        assertThat(SimClient.json(remote).get("code").asString()).isEqualTo("FailedToDownloadImage");

        HttpResponse<String> badUrl = client.postJson("/vision/v3.2/read/analyze", Map.of("url", "not a url"));
        assertThat(SimClient.json(badUrl).get("code").asString()).isEqualTo("InvalidImageUrl");

        HttpResponse<String> mediaType = client.postBytes("/vision/v3.2/read/analyze", "text/plain", "x".getBytes());
        assertThat(mediaType.statusCode()).isEqualTo(415);
        assertValid(SpecSchemas.read("ComputerVisionError"), mediaType.body());

        assertThat(sim.stats(Backend.READ).errors("http400")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void fetchesLoopbackUrls() throws Exception {
        byte[] png = TestDocuments.png(400, 200, 3);
        HttpServer files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/doc.png", ex -> {
            ex.sendResponseHeaders(200, png.length);
            ex.getResponseBody().write(png);
            ex.close();
        });
        files.start();
        try {
            String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/doc.png";
            HttpResponse<String> post = client.postJson("/vision/v3.2/read/analyze", Map.of("url", url));
            assertThat(post.statusCode()).isEqualTo(202);
            JsonNode page = pollUntilDone(
                            client,
                            post.headers().firstValue("Operation-Location").orElseThrow())
                    .get("analyzeResult")
                    .get("readResults")
                    .get(0);
            assertThat(page.get("width").asInt()).isEqualTo(400);

            HttpResponse<String> missing = client.postJson(
                    "/vision/v3.2/read/analyze",
                    Map.of("url", "http://127.0.0.1:" + files.getAddress().getPort() + "/nothing.png"));
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(SimClient.json(missing).get("code").asString()).isEqualTo("FailedToDownloadImage");
        } finally {
            files.stop(0);
        }
    }
}
