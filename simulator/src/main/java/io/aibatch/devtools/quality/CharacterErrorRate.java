package io.aibatch.devtools.quality;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Character error rate of recognised text against ground truth: edit distance divided by the
 * length of the truth. Whitespace runs (line breaks, page breaks) count as one space, because
 * layout is not what OCR accuracy is about.
 */
public final class CharacterErrorRate {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private CharacterErrorRate() {}

    public static String normalize(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Edit distance between the normalised texts. */
    public static int errors(String truth, String recognized) {
        return DISTANCE.apply(normalize(truth), normalize(recognized));
    }

    public static int length(String truth) {
        return normalize(truth).length();
    }

    public static double of(String truth, String recognized) {
        int length = length(truth);
        return length == 0 ? (normalize(recognized).isEmpty() ? 0 : 1) : (double) errors(truth, recognized) / length;
    }
}
