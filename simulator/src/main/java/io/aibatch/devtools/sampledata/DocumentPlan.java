package io.aibatch.devtools.sampledata;

import java.util.Locale;

/**
 * The decisions for one document, made before any text is written.
 *
 * @param number       1-based number within its category, used in the file name
 * @param seed         seeds this document's own Random, so documents do not depend on each other
 * @param skewDegrees  rounded to hundredths so labels.csv states the angle that was really used
 */
public record DocumentPlan(
        DocumentCategory category,
        int number,
        DocumentFormat format,
        int pages,
        String fontFamily,
        float bodySize,
        double skewDegrees,
        long seed) {

    public String baseName() {
        return String.format(Locale.ROOT, "%s-%02d", category.label(), number);
    }

    public String fileName() {
        return baseName() + "." + format.extension();
    }
}
