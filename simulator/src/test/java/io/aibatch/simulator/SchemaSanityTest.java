package io.aibatch.simulator;

import static io.aibatch.simulator.SpecSchemas.assertInvalid;
import static io.aibatch.simulator.SpecSchemas.assertValid;

import org.junit.jupiter.api.Test;

/**
 * The validators the conformance tests rely on really resolve the specs' $refs and really reject: each schema is
 * shown a document that breaks it deep inside a referenced definition.
 */
class SchemaSanityTest {

    @Test
    void readSchemasRejectBrokenResults() {
        assertInvalid(SpecSchemas.read("ReadOperationResult"), "{\"status\":\"done\"}");
        assertInvalid(
                SpecSchemas.read("ReadOperationResult"),
                "{\"status\":\"succeeded\",\"analyzeResult\":{\"version\":\"3.2.0\",\"modelVersion\":\"latest\",\"readResults\":[{\"page\":1}]}}");
        assertInvalid(SpecSchemas.read("ComputerVisionError"), "{\"code\":\"Oops\",\"message\":\"x\"}");
        assertValid(SpecSchemas.read("ComputerVisionError"), "{\"code\":\"InvalidImageFormat\",\"message\":\"x\"}");
    }

    @Test
    void docIntelSchemasRejectBrokenResults() {
        assertInvalid(
                SpecSchemas.docIntel("AnalyzeResultOperation"),
                "{\"status\":\"succeeded\",\"lastUpdatedDateTime\":\"2024-01-01T00:00:00Z\"}");
        assertInvalid(
                SpecSchemas.docIntel("AnalyzeResultOperation"),
                "{\"status\":\"succeeded\",\"createdDateTime\":\"2024-01-01T00:00:00Z\","
                        + "\"lastUpdatedDateTime\":\"2024-01-01T00:00:00Z\",\"analyzeResult\":{\"apiVersion\":\"2023-07-31\",\"modelId\":\"prebuilt-read\","
                        + "\"stringIndexType\":\"textElements\",\"content\":\"\",\"pages\":[{\"pageNumber\":1}]}}");
        assertInvalid(SpecSchemas.docIntel("ErrorResponse"), "{\"error\":{\"code\":\"x\"}}");
    }

    @Test
    void openAiAndAzureSchemasRejectBrokenResponses() {
        String message = "{\"role\":\"assistant\",\"content\":null,\"refusal\":null}";
        String ok =
                "{\"id\":\"a\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"finish_reason\":\"stop\",\"logprobs\":null,\"message\":" + message + "}]}";
        assertValid(SpecSchemas.azureOpenAi("createChatCompletionResponse"), ok); // nullable (OpenAPI 3.0) understood
        assertValid(SpecSchemas.openAi("CreateChatCompletionResponse"), ok);
        String noRefusal = ok.replace(",\"refusal\":null", "");
        assertInvalid(SpecSchemas.azureOpenAi("createChatCompletionResponse"), noRefusal);
        assertInvalid(SpecSchemas.openAi("CreateChatCompletionResponse"), ok.replace("\"stop\"", "\"done\""));
        assertInvalid(SpecSchemas.openAi("CreateTranscriptionResponseVerboseJson"), "{\"text\":\"x\"}");
        // vLLM's integer error code is not OpenAI's string code, and the reverse
        assertInvalid(
                SpecSchemas.openAi("ErrorResponse"),
                "{\"error\":{\"message\":\"m\",\"type\":\"t\",\"param\":null,\"code\":400}}");
        assertInvalid(
                SpecSchemas.vllmError(),
                "{\"error\":{\"message\":\"m\",\"type\":\"t\",\"param\":null,\"code\":\"400\"}}");
        assertInvalid(SpecSchemas.kaito("ChatCompletionRequest"), "{\"model\":\"m\"}");
    }
}
