package com.example.invoices;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.aibatch.engine.llm.ResponseSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema of the extracted fields, used twice: sent to the model as {@code response_format} (structured
 * output) and applied to its reply, because guided decoding is a strong hint, not a guarantee (a reply cut by the
 * token limit, a server without guided decoding, a schema keyword the server ignores).
 */
final class InvoiceSchema {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry DRAFT_2020_12 =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** Enough of the validation errors to see what is wrong; a reply can violate a schema in hundreds of places. */
    private static final int ERRORS_SHOWN = 3;

    private final String name;
    private final JsonNode document;
    private final Schema schema;

    private InvoiceSchema(String name, JsonNode document) {
        this.name = name;
        this.document = document;
        this.schema = DRAFT_2020_12.getSchema(document.toString(), InputFormat.JSON);
        this.schema.initializeValidators(); // a broken $ref fails now, not on the first reply
    }

    /** The schema the run asks for: {@code --schema FILE} when given, else the configured resource location. */
    static InvoiceSchema load(String optionFile, String configuredLocation) {
        if (optionFile != null && !optionFile.isBlank()) {
            Path file = Path.of(optionFile);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--schema " + optionFile + ": no such file");
            }
            try {
                return parse(file.getFileName().toString(), Files.readString(file), "--schema " + optionFile);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "--schema " + optionFile + " could not be read: " + e.getMessage(), e);
            }
        }
        Resource resource = new DefaultResourceLoader().getResource(configuredLocation);
        if (!resource.exists()) {
            throw new IllegalArgumentException("invoice-extraction.schema " + configuredLocation + " does not exist");
        }
        try {
            return parse(
                    resource.getFilename(),
                    resource.getContentAsString(StandardCharsets.UTF_8),
                    "invoice-extraction.schema " + configuredLocation);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "invoice-extraction.schema " + configuredLocation + " could not be read: " + e.getMessage(), e);
        }
    }

    static InvoiceSchema parse(String fileName, String text, String where) {
        JsonNode document;
        try {
            document = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + " is not JSON: " + e.getOriginalMessage());
        }
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON Schema object");
        }
        try {
            return new InvoiceSchema(responseFormatName(fileName), document);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + " is not a usable JSON Schema: " + e.getMessage(), e);
        }
    }

    /** response_format's name allows a-z, A-Z, 0-9, '_' and '-' only: {@code invoice.schema.json} → {@code invoice_schema}. */
    private static String responseFormatName(String fileName) {
        String base = fileName == null ? "fields" : fileName.replaceFirst("(?i)\\.json$", "");
        String name = base.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.isEmpty() ? "fields" : name.substring(0, Math.min(64, name.length()));
    }

    /** What the model is told to follow. */
    @SuppressWarnings("unchecked")
    ResponseSchema responseSchema() {
        return new ResponseSchema(name, JSON.convertValue(document, Map.class));
    }

    /** The reply as JSON valid against the schema, or {@link InvalidOutputException} saying why it is not. */
    JsonNode validReply(String reply) {
        JsonNode value;
        try {
            value = JSON.readTree(reply);
        } catch (JacksonException e) {
            throw new InvalidOutputException("the reply is not JSON: " + e.getOriginalMessage());
        }
        if (value == null || value.isMissingNode()) {
            throw new InvalidOutputException("the reply is empty");
        }
        List<Error> errors = schema.validate(value);
        if (!errors.isEmpty()) {
            String shown =
                    errors.stream().limit(ERRORS_SHOWN).map(Error::toString).collect(Collectors.joining("; "));
            throw new InvalidOutputException("the reply does not match " + name + ": " + shown
                    + (errors.size() > ERRORS_SHOWN ? " (and " + (errors.size() - ERRORS_SHOWN) + " more)" : ""));
        }
        return value;
    }

    /** The job's unit {@code fieldsExtracted}: the top-level properties the model found (not null). */
    static int fieldsExtracted(JsonNode fields) {
        int n = 0;
        for (JsonNode value : fields.values()) {
            if (!value.isNull()) {
                n++;
            }
        }
        return n;
    }
}
