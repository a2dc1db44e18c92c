package io.aibatch.classify;

/**
 * A category a document can be given.
 *
 * @param name        the label recorded in results, e.g. {@code medical-referral}
 * @param description what such a document is and contains, in plain words: the zero-shot classifier compares
 *                    documents with it, and the LLM classifier shows it to the model
 * @param minScore    the embedded classifier's least similarity for this label; below it a document that comes
 *                    closest to this label is {@link Classification#OTHER other} (0: any similarity will do)
 */
public record LabelDefinition(String name, String description, double minScore) {

    public LabelDefinition(String name, String description) {
        this(name, description, 0);
    }

    public LabelDefinition {
        if (Classification.OTHER.equals(name)) {
            throw new IllegalArgumentException("'" + Classification.OTHER
                    + "' is what a document that fits no label is called; " + "give the label another name");
        }
        if (minScore < 0 || minScore >= 1) {
            throw new IllegalArgumentException(
                    "classification label '" + name + "': min-score must be in [0, 1) but was " + minScore);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a classification label needs a name");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException(
                    "classification label '" + name + "' needs a description: it is what documents are compared with");
        }
    }
}
