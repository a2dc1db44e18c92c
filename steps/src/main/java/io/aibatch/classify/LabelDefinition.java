package io.aibatch.classify;

/**
 * A category a document can be given.
 *
 * @param name        the label recorded in results, e.g. {@code medical-referral}
 * @param description what such a document is and contains, in plain words: the zero-shot classifier compares
 *                    documents with it, and the LLM classifier shows it to the model
 */
public record LabelDefinition(String name, String description) {

    public LabelDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a classification label needs a name");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("classification label '" + name + "' needs a description: it is what documents are compared with");
        }
    }
}
