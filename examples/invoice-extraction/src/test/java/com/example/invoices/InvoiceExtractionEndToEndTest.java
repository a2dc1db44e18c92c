package com.example.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.aibatch.cli.AibatchCommand;
import io.aibatch.runtime.ExitCodes;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.ReceivedRequest;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example job as a user runs it, {@code run invoice-extraction --input … --output … --llm-endpoint …}, in this JVM
 * through the command line, against the simulated in-cluster vLLM (which answers structured output from the
 * invoice's text and can be told to answer a share of invalid replies). Input: the committed sample invoices.
 */
class InvoiceExtractionEndToEndTest {

    private static final Path SAMPLE_DOCUMENTS = Path.of("..", "..", "sample-data", "documents");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema INVOICE_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(read(Path.of("invoice.schema.json")), InputFormat.JSON);

    @TempDir
    Path dir;

    /** What {@code InvoiceExtractionApplication.main} does: the CLI starts this application's context for every command. */
    @BeforeAll
    static void application() {
        System.setProperty(AibatchCommand.APPLICATION_PROPERTY, InvoiceExtractionApplication.class.getName());
    }

    @AfterAll
    static void noApplication() {
        System.clearProperty(AibatchCommand.APPLICATION_PROPERTY);
    }

    @Test
    void everyInvoiceIsWrittenWithSchemaValidFieldsWhenTheModelAnswersValidJson() throws Exception {
        Path input = invoices(true);
        try (Simulator sim = simulator(0)) {
            Run run = run(sim, input);

            assertThat(run.exit).isZero();
            assertThat(run.deadLetters).isEmpty();
            assertThat(run.results).hasSize(files(input));
            for (JsonNode result : run.results) {
                assertThat(result.get("source").asString())
                        .isEqualTo(input.resolve(result.get("name").asString()).toString());
                assertThat(result.get("id").asString()).hasSize(32);
                JsonNode fields = result.get("fields");
                assertThat(INVOICE_SCHEMA.validate(fields))
                        .as("fields of %s", result.get("name"))
                        .isEmpty();
                assertThat(result.get("attempts").asInt()).isOne();
                assertThat(result.get("model").asString()).isEqualTo("kaito/phi-4-mini-instruct");
                // the simulated model reads the labelled values of the OCR text, as a real one would
                assertThat(fields.get("invoiceNumber").asString())
                        .as("invoice number of %s", result.get("name"))
                        .matches("INV-\\d{5}");
                assertThat(fields.get("total").isNumber()).isTrue();
                assertThat(result.get("fieldsExtracted").asInt())
                        .isEqualTo(InvoiceSchema.fieldsExtracted(fields))
                        .isGreaterThanOrEqualTo(4);
            }
            assertThat(run.report.at("/items/read").asLong()).isEqualTo(files(input));
            assertThat(run.report.at("/items/written").asLong()).isEqualTo(files(input));
            assertThat(run.chatRequests()).isEqualTo(files(input));
            System.out.println("report units: " + run.report.at("/units"));
        }
    }

    @Test
    void repliesThatStayInvalidAreDeadLetteredAsInvalidOutputWithTheValidationErrorAfterTheRetries() throws Exception {
        Path input = invoices(false);
        try (Simulator sim = simulator(1.0)) {
            Run run = run(sim, input);

            assertThat(run.exit).isZero();
            assertThat(run.results).isEmpty();
            assertThat(run.deadLetters).hasSize(files(input)).allSatisfy(line -> {
                assertThat(line.get("code").asString()).isEqualTo("invalid-output");
                assertThat(line.get("attempts").asInt())
                        .isEqualTo(3); // the first reply and invoice-extraction.max-invalid-retries=2
                assertThat(line.get("reason").asString())
                        .containsAnyOf("the reply is not JSON", "the reply does not match invoice_schema")
                        .contains("(after 3 replies)");
            });
            assertThat(run.chatRequests()).isEqualTo(3L * files(input));
            assertThat(run.report.at("/items/read").asLong())
                    .isEqualTo(run.report.at("/items/written").asLong()
                            + run.report.at("/items/deadLettered").asLong());
        }
    }

    @Test
    void withSomeInvalidRepliesEveryInvoiceEndsValidOrDeadLetteredAndTheCountsReconcile() throws Exception {
        Path input = invoices(false);
        try (Simulator sim = simulator(0.5)) {
            Run run = run(sim, input, "--max-invalid-retries", "1");

            assertThat(run.exit).isZero();
            assertThat(run.results.size() + run.deadLetters.size()).isEqualTo(files(input));
            int attempts = 0;
            for (JsonNode result : run.results) {
                assertThat(INVOICE_SCHEMA.validate(result.get("fields"))).isEmpty();
                assertThat(result.get("attempts").asInt()).isBetween(1, 2);
                attempts += result.get("attempts").asInt();
            }
            for (JsonNode line : run.deadLetters) {
                assertThat(line.get("code").asString()).isEqualTo("invalid-output");
                assertThat(line.get("attempts").asInt()).isEqualTo(2);
                attempts += 2;
            }
            assertThat(run.chatRequests())
                    .isEqualTo(attempts); // every reply was accounted for: none lost, none repeated
            assertThat(run.report.at("/items/read").asLong())
                    .isEqualTo(files(input))
                    .isEqualTo(run.report.at("/items/written").asLong()
                            + run.report.at("/items/deadLettered").asLong());
        }
    }

    @Test
    void theSchemaOptionReplacesThePackagedSchemaForTheModelAndTheValidation() throws Exception {
        Path input = invoices(false);
        // a schema the (simulated) model cannot satisfy: it copies "INV-…" where the pattern wants "ZZ-…"
        Path schema = Files.writeString(
                dir.resolve("strict-invoice.json"),
                """
                {"type": "object", "additionalProperties": false, "required": ["invoiceNumber"],
                 "properties": {"invoiceNumber": {"type": "string", "pattern": "^ZZ-"}}}""");
        try (Simulator sim = simulator(0)) {
            Run run = run(sim, input, "--schema", schema.toString(), "--max-invalid-retries", "0");

            assertThat(run.exit).isZero();
            assertThat(run.results).isEmpty();
            assertThat(run.deadLetters).hasSize(files(input)).allSatisfy(line -> {
                assertThat(line.get("code").asString()).isEqualTo("invalid-output");
                assertThat(line.get("attempts").asInt()).isOne();
                assertThat(line.get("reason").asString())
                        .contains("does not match strict-invoice")
                        .contains("/invoiceNumber")
                        .contains("^ZZ-");
            });
            assertThat(run.received)
                    .filteredOn(r -> r.path().equals("/v1/chat/completions"))
                    .allSatisfy(request -> assertThat(request.bodyAsString())
                            .contains("\"name\":\"strict-invoice\"")
                            .contains("^ZZ-"));
        }
    }

    @Test
    void wrongJobOptionsAreUsageErrors() throws Exception {
        Path input = invoices(false);
        try (Simulator sim = simulator(0)) {
            Path output = dir.resolve("refused");
            int missingSchema = AibatchCommand.execute(
                    "run",
                    InvoiceExtractionJob.NAME,
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--llm-endpoint",
                    sim.baseUrl(),
                    "--schema",
                    dir.resolve("nope.json").toString(),
                    "--work-dir",
                    dir.resolve("wd").toString());
            int negativeRetries = AibatchCommand.execute(
                    "run",
                    InvoiceExtractionJob.NAME,
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--llm-endpoint",
                    sim.baseUrl(),
                    "--max-invalid-retries",
                    "-1",
                    "--work-dir",
                    dir.resolve("wd").toString());

            assertThat(missingSchema).isEqualTo(ExitCodes.USAGE);
            assertThat(negativeRetries).isEqualTo(ExitCodes.USAGE);
            assertThat(output.resolve("results")).doesNotExist();
        }
    }

    @Test
    void aCloudLlmEndpointIsRefusedBeforeAnyInvoiceIsRead() throws Exception {
        Path input = invoices(false);
        try (Simulator sim = simulator(0)) {
            List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
            try (AutoCloseable observer = sim.onRequest(Backend.VLLM, received::add)) {
                Path output = dir.resolve("refused");
                int declaredCloud = AibatchCommand.execute(
                        "run",
                        InvoiceExtractionJob.NAME,
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString(),
                        "--llm-endpoint",
                        sim.baseUrl(),
                        "--llm-locality",
                        "cloud",
                        "--work-dir",
                        dir.resolve("wd").toString());
                int publicName = AibatchCommand.execute(
                        "run",
                        InvoiceExtractionJob.NAME,
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString(),
                        "--llm-endpoint",
                        "https://llm.example.com",
                        "--work-dir",
                        dir.resolve("wd").toString());
                int none = AibatchCommand.execute(
                        "run",
                        InvoiceExtractionJob.NAME,
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString(),
                        "--work-dir",
                        dir.resolve("wd").toString());

                assertThat(declaredCloud).isEqualTo(ExitCodes.CONFIGURATION);
                assertThat(publicName).isEqualTo(ExitCodes.CONFIGURATION);
                assertThat(none).isEqualTo(ExitCodes.USAGE);
                assertThat(output.resolve("results")).doesNotExist();
            }
            assertThat(received).isEmpty();
        }
    }

    private static Simulator simulator(double invalidRatio) throws Exception {
        return Simulator.start(SimulatorConfig.defaults().withBackend(Backend.VLLM, b -> b.withServiceTime(2, 0.01)
                .withJitterSigma(0)
                .withInvalidStructuredOutputRatio(invalidRatio)));
    }

    /** The committed sample invoices; {@code all} = also the scanned images (OCR), else the PDFs only. */
    private Path invoices(boolean all) throws IOException {
        Path input = Files.createDirectories(dir.resolve("invoices"));
        try (Stream<Path> files = Files.list(SAMPLE_DOCUMENTS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("invoice-"))
                    .filter(f -> all || f.getFileName().toString().endsWith(".pdf"))
                    .toList()) {
                Files.copy(file, input.resolve(file.getFileName()));
            }
        }
        assertThat(files(input)).isGreaterThanOrEqualTo(all ? 6 : 3);
        return input;
    }

    private Run run(Simulator sim, Path input, String... options) throws Exception {
        Path output = dir.resolve("out");
        List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
        List<String> args = new ArrayList<>(List.of(
                "run",
                InvoiceExtractionJob.NAME,
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--llm-endpoint",
                sim.baseUrl(),
                "--partitions",
                "2",
                "--work-dir",
                dir.resolve("wd").toString()));
        args.addAll(List.of(options));
        int exit;
        try (AutoCloseable observer = sim.onRequest(Backend.VLLM, received::add)) {
            exit = AibatchCommand.execute(args.toArray(String[]::new));
        }
        JsonNode report = Files.exists(output.resolve("report.json"))
                ? JSON.readTree(output.resolve("report.json").toFile())
                : null;
        return new Run(exit, lines(output.resolve("results")), lines(output.resolve("dead-letter")), report, received);
    }

    private record Run(
            int exit,
            List<JsonNode> results,
            List<JsonNode> deadLetters,
            JsonNode report,
            List<ReceivedRequest> received) {
        long chatRequests() {
            return received.stream()
                    .filter(r -> r.method().equals("POST") && r.path().equals("/v1/chat/completions"))
                    .count();
        }
    }

    private static List<JsonNode> lines(Path directory) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        lines.add(JSON.readTree(line));
                    }
                }
            }
        }
        return lines;
    }

    private static int files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return (int) files.count();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
