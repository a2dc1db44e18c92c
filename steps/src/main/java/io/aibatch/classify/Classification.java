package io.aibatch.classify;

/**
 * @param label  the chosen label; {@value #OTHER} when the document fits none of them well enough; null when the
 *               classifier could not decide (blank text, an unclear answer). Both are treated as restricted: see
 *               {@link io.aibatch.routing.RestrictionPolicy}
 * @param score  the classifier's confidence in [0,1]: cosine similarity for the embedded classifier, 1 or 0 for an LLM's answer
 * @param engine the engine that classified, recorded in the item's routing
 * @param tokensIn  prompt tokens used (0 for the embedded classifier)
 * @param tokensOut completion tokens used
 */
public record Classification(String label, double score, String engine, long tokensIn, long tokensOut) {

    /** A document that is none of the configured kinds (a software manual among invoices): reported as such, not forced into the nearest. */
    public static final String OTHER = "other";
}
