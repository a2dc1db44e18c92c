package io.aibatch.devtools.sampledata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decides category, format, page count, font and skew for every document. Categories and formats
 * are dealt round-robin and then shuffled, so each gets an equal share (within one) of any count
 * while the pairing of category and format still varies with the seed.
 */
final class DocumentPlanner {

    /** The first documents of each PDF kind get two pages; PNG and JPEG files hold one page. */
    static final int MULTI_PAGE_PER_PDF_FORMAT = 2;

    private static final float[] BODY_SIZES = {10f, 10.5f, 11f, 11.5f, 12f};

    private DocumentPlanner() {}

    static List<DocumentPlan> plan(GeneratorOptions options) {
        Random random = new Random(options.seed());
        List<DocumentCategory> categories = dealt(List.of(DocumentCategory.values()), options.count(), random);
        List<DocumentFormat> formats = dealt(options.formats(), options.count(), random);

        Map<DocumentCategory, Integer> numbers = new EnumMap<>(DocumentCategory.class);
        Map<DocumentFormat, Integer> multiPage = new EnumMap<>(DocumentFormat.class);
        List<DocumentPlan> plans = new ArrayList<>();
        for (int i = 0; i < options.count(); i++) {
            DocumentCategory category = categories.get(i);
            DocumentFormat format = formats.get(i);
            int number = numbers.merge(category, 1, Integer::sum);
            int pages = 1;
            if (format.multiPageCapable() && multiPage.getOrDefault(format, 0) < MULTI_PAGE_PER_PDF_FORMAT) {
                multiPage.merge(format, 1, Integer::sum);
                pages = 2;
            }
            String font = options.fontFamilies()
                    .get(random.nextInt(options.fontFamilies().size()));
            float bodySize = BODY_SIZES[random.nextInt(BODY_SIZES.length)];
            // A text PDF is born digital: nothing was scanned, so nothing is skewed.
            double skew = format.hasTextLayer()
                    ? 0
                    : Math.round((random.nextDouble() * 2 - 1) * options.maxSkewDegrees() * 100) / 100.0;
            long documentSeed = options.seed() * 1_000_003L + i * 7_919L + 17;
            plans.add(new DocumentPlan(category, number, format, pages, font, bodySize, skew, documentSeed));
        }
        return plans;
    }

    /** {@code count} elements cycling through {@code values}, shuffled. */
    private static <T> List<T> dealt(List<T> values, int count, Random random) {
        List<T> dealt = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            dealt.add(values.get(i % values.size()));
        }
        Collections.shuffle(dealt, random);
        return dealt;
    }
}
