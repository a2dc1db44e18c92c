package io.aibatch.routing;

import io.aibatch.classify.Classification;
import io.aibatch.routing.detect.IdentifierDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a document is restricted: its category is a personal record (configured labels), or its
 * text carries a personal identifier that a detector finds. Both are checked, and every reason that applies is
 * recorded, so that a misclassified medical referral is still caught by its Medicare number and an invoice
 * with a full card number is caught although invoices are not restricted. A document the classifier could not
 * label, or that fits none of the labels ({@link Classification#OTHER}), is restricted ({@value #UNCLASSIFIED}).
 */
public final class RestrictionPolicy {

    public static final String LABEL_PREFIX = "label:";
    /** The classifier could not decide: nothing says the document may leave the cluster, so it does not. */
    public static final String UNCLASSIFIED = "unclassified";

    private final Set<String> restrictedLabels;
    private final List<IdentifierDetector> detectors;

    public RestrictionPolicy(Set<String> restrictedLabels, List<IdentifierDetector> detectors) {
        this.restrictedLabels = Set.copyOf(restrictedLabels);
        this.detectors = List.copyOf(detectors);
    }

    /**
     * @param category the document's category; null when it could not be classified, {@value Classification#OTHER}
     *                 when it fits no category: both are {@value #UNCLASSIFIED}
     * @param text     the document's text
     */
    public Restriction assess(String category, String text) {
        List<String> reasons = new ArrayList<>();
        if (category == null || category.equals(Classification.OTHER)) {
            reasons.add(UNCLASSIFIED);
        } else if (restrictedLabels.contains(category)) {
            reasons.add(LABEL_PREFIX + category);
        }
        for (IdentifierDetector detector : detectors) {
            if (!reasons.contains(detector.reason()) && detector.foundIn(text)) {
                reasons.add(detector.reason());
            }
        }
        return new Restriction(!reasons.isEmpty(), reasons);
    }

    public Set<String> restrictedLabels() {
        return restrictedLabels;
    }
}
