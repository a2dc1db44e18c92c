package io.aibatch.classify;

import io.aibatch.engine.Locality;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.llm.ChatPrompt;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Classification by an in-cluster chat model (KAITO). The model is shown the labels with their descriptions and
 * asked for one label; an answer that names no label, or several, leaves the document unclassified (which the
 * restriction policy treats as restricted). Only an IN_CLUSTER engine is accepted: the text has not been checked
 * for restricted content yet.
 */
public final class LlmClassifier implements DocumentClassifier {

    static final int MAX_ANSWER_TOKENS = 10;

    private final ChatEngine engine;
    private final List<LabelDefinition> labels;
    private final String instruction;
    private final int maxInputChars;

    public LlmClassifier(ChatEngine engine, List<LabelDefinition> labels, int maxInputChars) {
        if (engine.locality() != Locality.IN_CLUSTER) {
            throw new IllegalArgumentException(
                    "LLM classification must use an in-cluster model (--llm-endpoint): it sees documents "
                            + "before they are checked for restricted content, and " + engine.name() + " is "
                            + engine.locality());
        }
        this.engine = engine;
        this.labels = List.copyOf(labels);
        this.maxInputChars = maxInputChars;
        this.instruction = "Classify the document into exactly one of these categories: "
                + labels.stream().map(LabelDefinition::name).collect(Collectors.joining(", ")) + ".\n"
                + labels.stream()
                        .map(l -> "- " + l.name() + ": " + l.description())
                        .collect(Collectors.joining("\n"))
                + "\nReply with the category name only.";
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public Locality locality() {
        return engine.locality();
    }

    @Override
    public CompletableFuture<Classification> classify(String itemSource, String text) {
        String content = text.length() > maxInputChars ? text.substring(0, maxInputChars) : text;
        return engine.complete(new ChatPrompt(
                        itemSource, Sensitivity.UNCHECKED, instruction, content.replace('\f', '\n'), MAX_ANSWER_TOKENS))
                .thenApply(reply -> {
                    String label = labelIn(reply.text());
                    return new Classification(
                            label, label == null ? 0 : 1, engine.name(), reply.tokensIn(), reply.tokensOut());
                });
    }

    /** The label the answer names: exactly, or as the only label mentioned. */
    String labelIn(String answer) {
        String normalized =
                answer.toLowerCase(Locale.ROOT).replaceAll("[\"'`.*{}:]", " ").strip();
        for (LabelDefinition label : labels) {
            if (normalized.equals(label.name()) || normalized.equals("label " + label.name())) {
                return label.name();
            }
        }
        List<String> mentioned = labels.stream()
                .map(LabelDefinition::name)
                .filter(name ->
                        normalized.matches("(?s).*(?<![\\w-])" + java.util.regex.Pattern.quote(name) + "(?![\\w-]).*"))
                .toList();
        return mentioned.size() == 1 ? mentioned.get(0) : null;
    }
}
