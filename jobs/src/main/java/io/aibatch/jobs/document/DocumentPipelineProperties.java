package io.aibatch.jobs.document;

import io.aibatch.classify.LabelDefinition;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code document-pipeline} job's own settings, under the job's own prefix {@value #PREFIX}: whether it enriches
 * documents and how it classifies and summarises them. The engines' settings (OCR, LLMs) and the restricted-data rules
 * belong to the starter ({@link io.aibatch.runtime.AibatchProperties}), because every job uses them. The keys these
 * settings had before the job owned them ({@code aibatch.enrichment}, {@code aibatch.classify.*},
 * {@code aibatch.summarize.*}) still work: {@link LegacyDocumentKeys} maps them.
 *
 * @param enrichment classification, restricted check and summary after the text; {@code false}: text only
 * @param classify   how documents are classified
 * @param summarize  how summaries are made
 */
@ConfigurationProperties(DocumentPipelineProperties.PREFIX)
public record DocumentPipelineProperties(
        @DefaultValue("true") boolean enrichment, @DefaultValue Classify classify, @DefaultValue Summarize summarize) {

    public static final String PREFIX = "aibatch.document";

    /**
     * @param engine {@code embedded} (zero-shot with the in-process embedding model) or {@code llm} (the in-cluster
     *               model at --llm-endpoint)
     * @param labels the labels with descriptions; config/application.yaml holds the defaults
     */
    public record Classify(@DefaultValue("embedded") String engine, @Nullable List<Label> labels) {

        public Classify {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }

        public List<LabelDefinition> definitions() {
            if (labels == null || labels.isEmpty()) {
                throw new IllegalStateException(
                        "aibatch.document.classify.labels is empty: the document pipeline needs labels with descriptions");
            }
            return labels.stream()
                    .map(l -> new LabelDefinition(l.name(), l.description(), l.minScore() == null ? 0 : l.minScore()))
                    .toList();
        }
    }

    /**
     * @param name        the label a document gets
     * @param description what the classifier compares a document with
     * @param minScore    the embedded classifier's least similarity for this label (null: 0, any)
     */
    public record Label(String name, String description, @Nullable Double minScore) {}

    /**
     * @param sentences     sentences in an extractive (embedded) summary
     * @param maxInputChars text given to a model, at most (longer text is cut)
     * @param maxTokens     a model's summary, at most
     */
    public record Summarize(
            @DefaultValue("3") int sentences,
            @DefaultValue("8000") int maxInputChars,
            @DefaultValue("200") int maxTokens) {}
}
