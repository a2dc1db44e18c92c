package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.devtools.sampledata.SyntheticIdentifiers;
import io.aibatch.json.Json;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The canary: the whole document job over text-layer PDF invoices, some carrying a TFN, Medicare or card number
 * written the hostile ways that leaked before (no-break and thin spaces, dots, dashes, tables, split lines,
 * Arabic-Indic digits, words, OCR look-alikes, a false "ABN" label, a trailing .00), others clean. The simulator
 * stands in for Azure OpenAI and records every request body. The cloud must see none of the identifiers in any
 * rendering, must see every clean invoice, and report.json must count exactly the reasons planted.
 */
class RestrictedCanaryEndToEndTest {

    static final Path FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    static final String[] WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    @TempDir
    Path dir;

    @AfterEach
    void clearKey() {
        System.clearProperty("aibatch.cloud-llm.api-key");
    }

    /** One planted identifier: its reason, its digits, and the lines that print it. */
    record Planted(String reason, String digits, List<String> lines) {}

    @Test
    void noRenderingOfARestrictedIdentifierReachesTheCloudAndCleanInvoicesDo() throws Exception {
        Random random = new Random(1515);
        List<Planted> planted = plant(random);
        Path input = dir.resolve("in");
        Files.createDirectories(input);
        for (int i = 0; i < planted.size(); i++) {
            writePdf(
                    input.resolve(String.format("hostile-%02d.pdf", i)),
                    invoice(random, i, planted.get(i).lines()));
        }
        List<String> cleanMarkers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String marker = "Delivery note reference CLEAN-" + (4100 + i) + " for the warehouse team";
            cleanMarkers.add(marker);
            writePdf(input.resolve(String.format("clean-%02d.pdf", i)), invoice(random, 100 + i, List.of(marker)));
        }

        List<String> cloudBodies = new CopyOnWriteArrayList<>();
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults()
                        .withBackend(Backend.VLLM, c -> c.withServiceTime(5, 0.05))
                        .withBackend(Backend.AZURE_OPENAI, c -> c.withServiceTime(5, 0.05)));
                AutoCloseable canary = sim.onRequest(Backend.AZURE_OPENAI, request -> {
                    // the body as sent, and its messages as the model reads them (JSON may escape non-ASCII characters)
                    StringBuilder seen =
                            new StringBuilder(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8));
                    for (JsonNode message : Json.MAPPER.readTree(request.body()).get("messages")) {
                        seen.append('\n').append(message.get("content").asString());
                    }
                    cloudBodies.add(seen.toString());
                })) {
            System.setProperty("aibatch.cloud-llm.api-key", "canary-key");
            Path output = dir.resolve("out");
            int exit = AibatchCommand.execute(
                    "run",
                    "document-pipeline",
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--partitions",
                    "2",
                    "--run-id",
                    "canary",
                    "--work-dir",
                    dir.resolve("wd").toString(),
                    "--llm-endpoint",
                    sim.baseUrl(),
                    "--cloud-llm-endpoint",
                    sim.baseUrl(),
                    "--cloud-llm-deployment",
                    "gpt-4o-mini");
            assertThat(exit).isEqualTo(ExitCodes.COMPLETED);

            RunOutput run = RunOutput.read(output);
            assertThat(run.deadLetters()).isEmpty();
            assertThat(run.results()).hasSize(planted.size() + cleanMarkers.size());
            Map<String, JsonNode> results = run.resultsByName();
            for (int i = 0; i < planted.size(); i++) {
                JsonNode result = results.get(String.format("hostile-%02d.pdf", i));
                // the canary can see what it looks for: the identifier is in the text the job extracted
                assertThat(digitsOf(result.get("text").asString()))
                        .as(
                                "extracted text of hostile-%02d: %s",
                                i, result.get("text").asString())
                        .contains(planted.get(i).digits());
                assertThat(result.get("category").asString(null))
                        .as("hostile-%02d", i)
                        .isEqualTo("invoice");
                assertThat(result.get("restricted").asBoolean())
                        .as("hostile-%02d: %s", i, planted.get(i).lines())
                        .isTrue();
                assertThat(result.get("summaryEngine").asString()).isEqualTo("kaito/phi-4-mini-instruct");
            }
            for (int i = 0; i < cleanMarkers.size(); i++) {
                JsonNode result = results.get(String.format("clean-%02d.pdf", i));
                assertThat(result.get("category").asString(null))
                        .as("clean-%02d", i)
                        .isEqualTo("invoice");
                assertThat(result.get("restricted").asBoolean())
                        .as("clean-%02d", i)
                        .isFalse();
                assertThat(result.get("summaryEngine").asString()).isEqualTo("azure-openai/gpt-4o-mini");
            }

            // the cloud saw every clean invoice and none of the identifiers, however written
            String cloud = String.join("\n", cloudBodies);
            assertThat(cloudBodies).hasSize(cleanMarkers.size());
            for (String marker : cleanMarkers) {
                assertThat(cloud.replaceAll("\\s+", " ")).contains(marker);
            }
            String cloudDigits = digitsOf(cloud);
            for (Planted p : planted) {
                assertThat(cloudDigits)
                        .as("the cloud received %s %s", p.reason(), p.lines())
                        .doesNotContain(p.digits());
            }

            // report.json counts exactly what was planted
            JsonNode routing = run.report().get("routing");
            Map<String, Long> expectedReasons = new TreeMap<>();
            planted.forEach(p -> expectedReasons.merge(p.reason(), 1L, Long::sum));
            Map<String, Long> reportedReasons = new TreeMap<>();
            routing.get("reasons")
                    .properties()
                    .forEach(e -> reportedReasons.put(e.getKey(), e.getValue().asLong()));
            System.out.println("canary routing: " + routing);
            assertThat(reportedReasons).isEqualTo(expectedReasons);
            assertThat(routing.get("items").asLong()).isEqualTo(planted.size() + cleanMarkers.size());
            assertThat(routing.get("restricted").asLong()).isEqualTo(planted.size());
            assertThat(routing.get("unrestricted").asLong()).isEqualTo(cleanMarkers.size());
            assertThat(routing.get("restrictedToCloud").asLong()).isZero();
        }
    }

    /** The hostile renderings: each invoice carries one identifier, written one way. */
    private static List<Planted> plant(Random random) {
        List<Planted> planted = new ArrayList<>();
        String t = SyntheticIdentifiers.taxFileNumber(random);
        planted.add(tfn(t, "Supplier TFN: " + group(t, "\u00A0", 3, 3, 3)));
        t = SyntheticIdentifiers.taxFileNumber(random);
        planted.add(tfn(t, "Payee tax file number " + group(t, "\u2009", 3, 3, 3)));
        t = SyntheticIdentifiers.taxFileNumber(random);
        planted.add(tfn(t, "| Tax file number | " + group(t, " | ", 3, 3, 3) + " |"));
        t = SyntheticIdentifiers.taxFileNumber(random);
        planted.add(tfn(
                t,
                "Withholding: TFN " + t.substring(0, 3) + " " + t.substring(3, 6),
                t.substring(6) + " quoted on the form"));
        t = SyntheticIdentifiers.taxFileNumber(random);
        planted.add(tfn(t, "TFN " + script(group(t, " ", 3, 3, 3), 0x0660)));
        t = SyntheticIdentifiers.taxFileNumber(random);
        planted.add(tfn(t, "Ref," + group(t, ".", 3, 3, 3) + ".00"));
        t = SyntheticIdentifiers.taxFileNumber(random);
        planted.add(tfn(t, "Tax file number: " + words(t)));
        t = SyntheticIdentifiers.taxFileNumber(random);
        planted.add(tfn(t, "TFN " + lookAlikes(group(t, " ", 3, 3, 3))));
        t = SyntheticIdentifiers.taxFileNumber(random);
        planted.add(tfn(t, "ABN " + group(t, " ", 3, 3, 3)));
        t = SyntheticIdentifiers.taxFileNumber(random);
        planted.add(tfn(t, "Contractor tax file no.:" + group(t, "-", 2, 4, 3)));
        String m = SyntheticIdentifiers.medicareNumber(random);
        planted.add(new Planted("medicare", m, List.of("Medicare No: " + group(m, "\u2013", 4, 5, 1))));
        m = SyntheticIdentifiers.medicareNumber(random);
        planted.add(
                new Planted("medicare", m, List.of("Claim reference " + group(m, "\u202F", 4, 5), "", m.substring(9))));
        String c = SyntheticIdentifiers.paymentCardNumber(random);
        planted.add(new Planted("card-number", c, List.of("Paid by card: " + group(c, "\u00B7", 4, 4, 4, 4))));
        c = SyntheticIdentifiers.paymentCardNumber(random);
        planted.add(new Planted("card-number", c, List.of("Settlement " + group(c, "\u2014", 4, 4, 4, 4))));
        c = SyntheticIdentifiers.paymentCardNumber(random);
        planted.add(new Planted("card-number", c, List.of("Visa " + script(group(c, " ", 4, 4, 4, 4), 0x06F0))));
        c = SyntheticIdentifiers.paymentCardNumber(random);
        planted.add(new Planted("card-number", c, List.of("Card number,", c + ".00")));
        return planted;
    }

    private static Planted tfn(String digits, String... lines) {
        return new Planted("tfn", digits, List.of(lines));
    }

    private static String group(String digits, String separator, int... sizes) {
        List<String> groups = new ArrayList<>();
        int at = 0;
        for (int size : sizes) {
            groups.add(digits.substring(at, at + size));
            at += size;
        }
        return String.join(separator, groups);
    }

    private static String script(String text, int zero) {
        StringBuilder out = new StringBuilder();
        for (char ch : text.toCharArray()) {
            out.append(ch >= '0' && ch <= '9' ? (char) (zero + ch - '0') : ch);
        }
        return out.toString();
    }

    private static String words(String digits) {
        List<String> words = new ArrayList<>();
        for (char ch : digits.toCharArray()) {
            words.add(WORDS[ch - '0']);
        }
        return String.join(" ", words);
    }

    /** 0 → O, 1 → l, 5 → S, 8 → B where a group keeps another real digit. */
    private static String lookAlikes(String grouped) {
        StringBuilder out = new StringBuilder();
        for (String group : grouped.split(" ")) {
            StringBuilder g = new StringBuilder(group);
            for (int i = 1; i < g.length(); i++) {
                char ch = g.charAt(i);
                g.setCharAt(i, ch == '0' ? 'O' : ch == '1' ? 'l' : ch == '5' ? 'S' : ch == '8' ? 'B' : ch);
            }
            out.append(out.isEmpty() ? "" : " ").append(g);
        }
        return out.toString();
    }

    /**
     * Every digit the text holds, however written (any script, words, look-alikes inside numbers), with everything
     * else removed, as stored and as displayed: an identifier is in a text exactly when its digits appear here.
     */
    static String digitsOf(String text) {
        return digitsAsStored(text) + "|" + digitsAsStored(displayOrder(text));
    }

    /**
     * Arabic-Indic digit groups joined by spaces display in reverse order in a left-to-right line, and PDF text
     * extraction stores them in the order that displays as printed: "TFN ٦٧٢ ٠٥٢ ٣٣٤" reads "TFN 334 052 672".
     */
    static String displayOrder(String text) {
        Matcher run = Pattern.compile("[\u0660-\u0669]+(?: [\u0660-\u0669]+)+").matcher(text);
        StringBuilder out = new StringBuilder();
        while (run.find()) {
            List<String> groups = new ArrayList<>(List.of(run.group().split(" ")));
            java.util.Collections.reverse(groups);
            run.appendReplacement(out, String.join(" ", groups));
        }
        run.appendTail(out);
        return out.toString();
    }

    private static String digitsAsStored(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase();
        for (int d = 0; d < WORDS.length; d++) {
            normalized = normalized.replaceAll("\\b" + WORDS[d] + "\\b", String.valueOf(d));
        }
        Matcher token = Pattern.compile("[0-9a-z]+").matcher(normalized);
        StringBuilder out = new StringBuilder();
        while (token.find()) {
            String word = token.group();
            if (word.chars().anyMatch(Character::isDigit) && word.matches("[0-9olsb]+")) {
                word = word.replace('o', '0')
                        .replace('l', '1')
                        .replace('s', '5')
                        .replace('b', '8');
            }
            word.codePoints().filter(Character::isDigit).forEach(cp -> out.append(Character.digit(cp, 10)));
        }
        // digits of other scripts are not [0-9a-z]: take them from the whole text too
        normalized
                .codePoints()
                .filter(cp -> Character.isDigit(cp) && (cp < '0' || cp > '9'))
                .forEach(cp -> out.append(Character.digit(cp, 10)));
        return out.toString();
    }

    /** A tax invoice like the ones the sample set holds, with {@code extra} lines in the payment details. */
    static List<String> invoice(Random random, int number, List<String> extra) {
        List<String> lines = new ArrayList<>(List.of(
                "TAX INVOICE",
                "Banksia Office Supplies Pty Ltd",
                "ABN 51 824 753 556",
                "14 Wattle Street, Parramatta NSW 2150",
                "Phone (02) 9876 5432",
                "Invoice number INV-" + (20000 + number),
                "Invoice date 12 March 2025    Due date 11 April 2025",
                "Bill to: Harbour Dental Group, 3 Pier Road, Manly NSW 2095",
                "Description                      Qty    Unit price    Amount",
                "A4 copy paper, box of 5 reams     " + (1 + random.nextInt(9)) + "      $42.50        $"
                        + (42 + random.nextInt(300)) + ".50",
                "Toner cartridge, black            2      $89.00        $178.00",
                "Desk organiser                    1      $24.95        $24.95",
                "Subtotal $245.45",
                "GST $24.55",
                "Total amount due $270.00",
                "How to pay: bank transfer to BSB 062-000 account 1234 5678 within 30 days."));
        lines.addAll(extra);
        lines.add("Thank you for your business.");
        return lines;
    }

    static void writePdf(Path file, List<String> lines) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, FONT.toFile());
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float y = 780;
                for (String line : lines) {
                    if (!line.isEmpty()) {
                        content.beginText();
                        content.setFont(font, 10);
                        content.newLineAtOffset(60, y);
                        content.showText(line);
                        content.endText();
                    }
                    y -= 16;
                }
            }
            document.save(file.toFile());
        }
    }
}
