package com.example.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The packaged schema, a reply checked against it, and the ways a schema given by an operator can be wrong. */
class InvoiceSchemaTest {

    private static final InvoiceSchema PACKAGED = InvoiceSchema.load(null, "classpath:invoice.schema.json");

    private static final String VALID =
            """
            {"invoiceNumber": "INV-40213", "invoiceDate": "2025-03-03", "dueDate": null, "purchaseOrder": null,
             "vendor": "Harbour Supplies Pty Ltd", "subtotal": 1149.55, "tax": 114.95, "total": 1264.50}""";

    @Test
    void aValidReplyIsTheFieldsAndItsNonNullFieldsAreCounted() {
        JsonNode fields = PACKAGED.validReply(VALID);
        assertThat(fields.get("invoiceNumber").asString()).isEqualTo("INV-40213");
        assertThat(InvoiceSchema.fieldsExtracted(fields)).isEqualTo(6);
    }

    @Test
    void theModelIsAskedWithTheSchemaUnderAResponseFormatName() {
        assertThat(PACKAGED.responseSchema().name()).isEqualTo("invoice_schema");
        assertThat(PACKAGED.responseSchema().schema())
                .containsEntry("additionalProperties", false)
                .containsEntry(
                        "required",
                        List.of(
                                "invoiceNumber",
                                "invoiceDate",
                                "dueDate",
                                "purchaseOrder",
                                "vendor",
                                "subtotal",
                                "tax",
                                "total"));
    }

    @Test
    void aReplyCutShortIsNotJson() {
        assertThatThrownBy(() -> PACKAGED.validReply(VALID.substring(0, 60)))
                .isInstanceOf(InvalidOutputException.class)
                .hasMessageStartingWith("the reply is not JSON: ");
        assertThatThrownBy(() -> PACKAGED.validReply("")).isInstanceOf(InvalidOutputException.class);
    }

    @Test
    void aReplyThatViolatesTheSchemaSaysWhereAndHow() {
        String wrongType = VALID.replace("\"total\": 1264.50", "\"total\": \"$1,264.50\"");
        assertThatThrownBy(() -> PACKAGED.validReply(wrongType))
                .isInstanceOf(InvalidOutputException.class)
                .hasMessageStartingWith("the reply does not match invoice_schema: ")
                .hasMessageContaining("/total");
        String missing = VALID.replace("\"invoiceNumber\": \"INV-40213\", ", "");
        assertThatThrownBy(() -> PACKAGED.validReply(missing)).hasMessageContaining("invoiceNumber");
        String extra = VALID.replace("{", "{\"notes\": \"paid\", ");
        assertThatThrownBy(() -> PACKAGED.validReply(extra)).hasMessageContaining("notes");
        String negative = VALID.replace("\"tax\": 114.95", "\"tax\": -1");
        assertThatThrownBy(() -> PACKAGED.validReply(negative)).hasMessageContaining("/tax");
    }

    @Test
    void manyViolationsAreSummarisedNotListedInFull() {
        assertThatThrownBy(() -> PACKAGED.validReply("{\"a\":1,\"b\":2,\"c\":3,\"d\":4}"))
                .hasMessageMatching("(?s).*\\(and \\d+ more\\)$");
    }

    @Test
    void aSchemaFileThatIsMissingNotJsonOrNotAnObjectIsAUsageError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(
                        () -> InvoiceSchema.load(dir.resolve("none.json").toString(), "classpath:invoice.schema.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such file");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"type\": ");
        assertThatThrownBy(() -> InvoiceSchema.load(broken.toString(), "classpath:invoice.schema.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not JSON");
        Path array = Files.writeString(dir.resolve("array.json"), "[]");
        assertThatThrownBy(() -> InvoiceSchema.load(array.toString(), "classpath:invoice.schema.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON Schema object");
        assertThatThrownBy(() -> InvoiceSchema.load(null, "classpath:missing.schema.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }
}
