package io.aibatch.simulator.llm;

import io.aibatch.simulator.content.ContentHash;
import io.aibatch.simulator.content.TokenCounter;
import io.aibatch.simulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deterministic stand-in for the model: the answer is a pure function of the prompt.
 * <ul>
 *   <li>Classification (the prompt says classify/categorize/label and lists labels, inline after "one of:",
 *       "labels:", "categories:" … or as a bullet list under such a line): one of the listed labels, exactly as
 *       written. The label mentioned most often in the rest of the prompt wins; with no mention, the prompt hash picks.</li>
 *   <li>Summary (the prompt says summar…): the first two sentences of the longest paragraph (taken as the document).</li>
 *   <li>Anything else: the first three sentences of that paragraph.</li>
 * </ul>
 * With response_format json_object the answer is wrapped as {"label"|"summary"|"answer": …}; with json_schema it is
 * a value of the schema filled from the user messages ({@link SchemaAnswer}), or deliberately not one
 * ({@link InvalidOutput}) when the backend is configured to return a share of invalid structured output.
 * The answer is cut to max_tokens (finish_reason "length") like a real model stopping mid-sentence.
 */
public final class LlmResponder {

    public record Answer(String content, int completionTokens, String finishReason) {}

    private static final Pattern CLASSIFY = Pattern.compile("(?i)\\b(classif|categor|label)");
    private static final Pattern SUMMARIZE = Pattern.compile("(?i)\\bsummar");
    private static final Pattern LABEL_INTRO = Pattern.compile(
            "(?i)^.*\\b(?:one of|among|labels?|categories|category|classes|options|choices)\\b\\s*(?:\\([^)]*\\))?\\s*[:\\-]?\\s*(.*)$");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•]|\\d+[.)])\\s+(.+)$");
    private static final Pattern SPLIT_LABELS = Pattern.compile("\\s*(?:,|;|\\||/|\\bor\\b)\\s*");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    private LlmResponder() {}

    /** How a json_schema answer is to fail, for {@code invalidStructuredOutputRatio}. */
    public enum InvalidOutput {
        NONE,
        MALFORMED_JSON,
        SCHEMA_VIOLATION
    }

    public static Answer answer(ChatRequest request, int maxTokens) {
        return answer(request, maxTokens, InvalidOutput.NONE);
    }

    public static Answer answer(ChatRequest request, int maxTokens, InvalidOutput invalid) {
        String content = request.jsonSchema() != null ? structured(request, invalid) : unstructured(request);
        int tokens = TokenCounter.count(content);
        if (tokens > maxTokens) {
            // A real model stops mid-answer; in JSON mode that leaves invalid JSON, exactly as it does for real
            String cut = TokenCounter.truncate(content, maxTokens);
            return new Answer(cut, TokenCounter.count(cut), "length");
        }
        return new Answer(content, tokens, "stop");
    }

    private static String structured(ChatRequest request, InvalidOutput invalid) {
        String userText = request.messages().stream()
                .filter(m -> m.role().equals("user"))
                .map(ChatRequest.Message::content)
                .collect(java.util.stream.Collectors.joining("\n"));
        tools.jackson.databind.JsonNode valid = SchemaAnswer.build(request.jsonSchema(), userText);
        return switch (invalid) {
            case NONE -> valid.toString();
            case MALFORMED_JSON -> SchemaAnswer.malformed(valid.toString());
            case SCHEMA_VIOLATION ->
                SchemaAnswer.violating(request.jsonSchema(), valid).toString();
        };
    }

    private static String unstructured(ChatRequest request) {
        String prompt = String.join("\n", request.contents());
        String kind;
        String text;
        List<String> labels = CLASSIFY.matcher(prompt).find() ? labels(prompt) : List.of();
        if (labels.size() >= 2) {
            kind = "label";
            text = pickLabel(prompt, labels);
        } else if (SUMMARIZE.matcher(prompt).find()) {
            kind = "summary";
            text = firstSentences(document(request), 2);
        } else {
            kind = "answer";
            text = firstSentences(document(request), 3);
        }
        if (text.isBlank()) {
            text = "I have no text to work with.";
        }
        if (request.jsonOutput()) {
            ObjectNode o = Json.object();
            o.put(kind, text);
            return o.toString();
        }
        return text;
    }

    /** Candidate labels: the first list (inline or bulleted) introduced by a label-ish phrase with 2+ items. */
    static List<String> labels(String prompt) {
        String[] lines = prompt.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LABEL_INTRO.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            String rest = m.group(1).trim();
            List<String> items = new ArrayList<>();
            if (!rest.isEmpty()) {
                for (String item : SPLIT_LABELS.split(rest)) {
                    addLabel(items, item);
                }
            } else {
                for (int j = i + 1; j < lines.length; j++) {
                    Matcher b = BULLET.matcher(lines[j]);
                    if (!b.matches()) {
                        if (lines[j].isBlank() && items.isEmpty()) {
                            continue;
                        }
                        break;
                    }
                    addLabel(items, b.group(1));
                }
            }
            if (items.size() >= 2) {
                return items;
            }
        }
        return List.of();
    }

    private static void addLabel(List<String> items, String raw) {
        String s = raw.trim().replaceAll("^[\"'`\\[(*]+|[\"'`\\])*.:]+$", "").trim();
        if (!s.isEmpty() && s.length() <= 40 && s.split("\\s+").length <= 4 && !items.contains(s)) {
            items.add(s);
        }
    }

    private static String pickLabel(String prompt, List<String> labels) {
        String lower = prompt.toLowerCase(Locale.ROOT);
        String best = null;
        int bestCount = 1; // the label list itself mentions each label once
        for (String label : labels) {
            int count = occurrences(lower, label.toLowerCase(Locale.ROOT));
            if (count > bestCount) {
                best = label;
                bestCount = count;
            }
        }
        if (best != null) {
            return best;
        }
        return labels.get((int) Math.floorMod(ContentHash.seedOf(prompt), (long) labels.size()));
    }

    private static int occurrences(String haystack, String needle) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(needle) + "\\b").matcher(haystack);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The longest paragraph of the user messages: in "instruction + document" prompts, that is the document. */
    private static String document(ChatRequest request) {
        String best = "";
        for (ChatRequest.Message m : request.messages()) {
            if (!m.role().equals("user")) {
                continue;
            }
            for (String para : m.content().split("\\n\\s*\\n")) {
                String p = para.strip().replaceAll("\\s+", " ");
                if (p.length() > best.length()) {
                    best = p;
                }
            }
        }
        return best;
    }

    /** "Summarize: text…" in one paragraph: the lead-in up to the colon is instruction, not document. */
    private static final Pattern LEAD_IN = Pattern.compile("^[^.:!?]{0,80}:\\s+(?=\\S)");

    private static String firstSentences(String text, int count) {
        text = LEAD_IN.matcher(text).replaceFirst("");
        String[] sentences = SENTENCE_END.split(text);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(count, sentences.length); i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(sentences[i]);
        }
        return sb.toString();
    }
}
