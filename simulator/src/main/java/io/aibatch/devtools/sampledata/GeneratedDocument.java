package io.aibatch.devtools.sampledata;

import java.util.ArrayList;
import java.util.List;

/**
 * One written document and what is known about it: a row of labels.csv.
 *
 * @param pages       pages actually laid out
 * @param identifiers restricted identifier kinds present in the text ("tfn", "medicare", "card-number")
 * @param words       words in the ground truth text
 */
public record GeneratedDocument(DocumentPlan plan, int pages, List<String> identifiers, int words) {

    public GeneratedDocument {
        identifiers = List.copyOf(identifiers);
    }

    /** Relative to the output directory, e.g. documents/invoice-03.png. */
    public String file() {
        return SampleDocumentGenerator.DOCUMENTS_DIR + "/" + plan.fileName();
    }

    public boolean restricted() {
        return plan.category().restrictedByLabel() || !identifiers.isEmpty();
    }

    /** "label:medical-referral;medicare", "card-number", or empty when not restricted. */
    public String restrictedReason() {
        List<String> parts = new ArrayList<>();
        if (plan.category().restrictedByLabel()) {
            parts.add("label:" + plan.category().label());
        }
        parts.addAll(identifiers);
        return String.join(";", parts);
    }
}
