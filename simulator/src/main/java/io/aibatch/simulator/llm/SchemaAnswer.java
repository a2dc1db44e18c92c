package io.aibatch.simulator.llm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the simulated model answers to {@code response_format: json_schema}: a value valid against the schema, filled
 * from the prompt where the prompt has it. A string or number property is looked up as a labelled value in the
 * prompt text ("Invoice number: INV-123" for {@code invoiceNumber}, "Total amount due: $1,234.50" for {@code total}:
 * the property name, or its title, split into words and followed by a colon within a few words); what is not found
 * is null where the schema allows null, else a type-valid placeholder (guided decoding always produces some value).
 * <p>
 * Supported keywords: type (one or a list), properties, required, additionalProperties, items, minItems, enum,
 * const, anyOf/oneOf, $ref to {@code #/$defs/..} or {@code #/definitions/..}, format date, minimum/maximum,
 * minLength/maxLength: the subset OpenAI's strict structured outputs accept.
 */
public final class SchemaAnswer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|[_\\-\\s]+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d/M/uuuu", Locale.ENGLISH));

    private final JsonNode root;
    private final String text;

    private SchemaAnswer(JsonNode root, String text) {
        this.root = root;
        this.text = text;
    }

    /** A value of {@code schema} built from {@code text} (the prompt). */
    public static JsonNode build(JsonNode schema, String text) {
        return new SchemaAnswer(schema, text).value(schema, null, 0);
    }

    /**
     * The same answer made to break the schema while staying JSON: a required property left out, else a property of
     * the wrong type, else a value of the wrong type altogether.
     */
    public static JsonNode violating(JsonNode schema, JsonNode valid) {
        JsonNode s = new SchemaAnswer(schema, "").resolve(schema);
        if (valid instanceof ObjectNode object) {
            ObjectNode broken = object.deepCopy();
            JsonNode required = s.path("required");
            if (required.isArray() && !required.isEmpty()) {
                broken.remove(required.get(0).asString());
                return broken;
            }
            Iterator<String> names = s.path("properties").propertyNames().iterator();
            if (names.hasNext()) {
                String name = names.next();
                broken.set(name, wrongType(s.path("properties").get(name)));
                return broken;
            }
        }
        return wrongType(s);
    }

    /** Malformed JSON: the answer cut in the middle, as a model stopped early leaves it. */
    public static String malformed(String json) {
        return json.substring(0, Math.max(1, json.length() / 2));
    }

    private JsonNode value(JsonNode schema, String name, int depth) {
        if (depth > 16) {
            return NODES.nullNode(); // a recursive schema: stop where a real model would have to
        }
        JsonNode s = resolve(schema);
        if (s.has("const")) {
            return s.get("const");
        }
        for (String combinator : new String[] {"anyOf", "oneOf"}) {
            if (s.path(combinator).isArray() && !s.get(combinator).isEmpty()) {
                return alternatives(s.get(combinator), name, depth);
            }
        }
        if (s.path("enum").isArray() && !s.get("enum").isEmpty()) {
            return enumValue(s.get("enum"), name);
        }
        List<String> types = types(s);
        boolean nullable = types.contains("null");
        String type = types.stream().filter(t -> !t.equals("null")).findFirst().orElse(nullable ? "null" : "object");
        return switch (type) {
            case "object" -> object(s, depth);
            case "array" -> array(s, name, depth);
            case "string" -> string(s, name, nullable);
            case "number", "integer" -> number(s, name, nullable, type.equals("integer"));
            case "boolean" -> nullable ? NODES.nullNode() : NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }

    private JsonNode alternatives(JsonNode branches, String name, int depth) {
        JsonNode nullBranch = null;
        JsonNode first = null;
        for (JsonNode branch : branches) {
            if (types(resolve(branch)).equals(List.of("null"))) {
                nullBranch = branch;
                continue;
            }
            JsonNode v = value(branch, name, depth + 1);
            if (first == null) {
                first = v;
            }
            if (!v.isNull()) {
                return v;
            }
        }
        return nullBranch != null || first == null ? NODES.nullNode() : first;
    }

    private ObjectNode object(JsonNode s, int depth) {
        ObjectNode o = NODES.objectNode();
        JsonNode properties = s.path("properties");
        for (String property : properties.propertyNames()) {
            o.set(property, value(properties.get(property), property, depth + 1));
        }
        return o;
    }

    private ArrayNode array(JsonNode s, String name, int depth) {
        ArrayNode a = NODES.arrayNode();
        int min = s.path("minItems").asInt(0);
        for (int i = 0; i < min; i++) {
            a.add(value(s.path("items"), name, depth + 1));
        }
        return a;
    }

    private JsonNode enumValue(JsonNode options, String name) {
        String found = labelled(name);
        if (found != null) {
            for (JsonNode option : options) {
                if (option.isString()
                        && found.toLowerCase(Locale.ROOT)
                                .contains(option.asString().toLowerCase(Locale.ROOT))) {
                    return option;
                }
            }
        }
        return options.get(0);
    }

    private JsonNode string(JsonNode s, String name, boolean nullable) {
        String found = labelled(name);
        String format = s.path("format").asString("");
        if (found != null && format.equals("date")) {
            found = isoDate(found);
        }
        if (found == null) {
            if (nullable) {
                return NODES.nullNode();
            }
            found = switch (format) {
                case "date" -> "2024-01-01";
                case "date-time" -> "2024-01-01T00:00:00Z";
                case "email" -> "unknown@example.com";
                default -> "unknown";
            };
        }
        int max = s.path("maxLength").asInt(Integer.MAX_VALUE);
        if (found.length() > max) {
            found = found.substring(0, max);
        }
        StringBuilder padded = new StringBuilder(found);
        while (padded.length() < s.path("minLength").asInt(0)) {
            padded.append('_');
        }
        return NODES.stringNode(padded.toString());
    }

    private JsonNode number(JsonNode s, String name, boolean nullable, boolean integer) {
        String found = labelled(name);
        Matcher m = found == null ? null : NUMBER.matcher(found);
        BigDecimal value;
        if (m != null && m.find()) {
            value = new BigDecimal(m.group().replace(",", ""));
        } else if (nullable) {
            return NODES.nullNode();
        } else {
            value = BigDecimal.ZERO;
        }
        if (s.path("minimum").isNumber() && value.compareTo(s.get("minimum").decimalValue()) < 0) {
            value = s.get("minimum").decimalValue();
        }
        if (s.path("maximum").isNumber() && value.compareTo(s.get("maximum").decimalValue()) > 0) {
            value = s.get("maximum").decimalValue();
        }
        return integer ? NODES.numberNode(value.toBigInteger().longValue()) : NODES.numberNode(value);
    }

    /** The text after "Name words ...:" in the prompt, up to the end of its line; null when the prompt has no such label. */
    private String labelled(String name) {
        if (name == null) {
            return null;
        }
        String words = String.join(
                "[\\s_-]+",
                List.of(CAMEL.split(name)).stream()
                        .filter(w -> !w.isEmpty())
                        .map(Pattern::quote)
                        .toList());
        Pattern label = Pattern.compile("(?i)(?<![A-Za-z])" + words + "(?![A-Za-z])[^:\\n.]{0,30}:[ \\t]*([^\\n]*\\S)");
        Matcher m = label.matcher(text);
        return m.find() ? m.group(1).strip() : null;
    }

    private static String isoDate(String written) {
        String candidate = written.replaceAll("[,.]$", "").strip();
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(candidate, f).toString();
            } catch (DateTimeParseException notThisOne) {
                // try the next layout
            }
        }
        return null;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema == null || schema.isMissingNode() ? NODES.objectNode() : schema;
        for (int hops = 0; s.path("$ref").isString() && hops < 32; hops++) {
            String ref = s.get("$ref").asString();
            s = ref.startsWith("#") ? root.at(ref.substring(1)) : NODES.objectNode();
        }
        return s;
    }

    private static List<String> types(JsonNode s) {
        JsonNode type = s.get("type");
        List<String> types = new ArrayList<>();
        if (type != null && type.isString()) {
            types.add(type.asString());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else if (s.has("properties")) {
            types.add("object");
        }
        return types;
    }

    private static JsonNode wrongType(JsonNode schema) {
        List<String> types = types(schema);
        return types.contains("string")
                ? NODES.arrayNode().add(42)
                : NODES.stringNode("not a " + String.join(" or ", types));
    }
}
