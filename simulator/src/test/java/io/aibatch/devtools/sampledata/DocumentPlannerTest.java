package io.aibatch.devtools.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DocumentPlannerTest {

    private final GeneratorOptions committed = GeneratorOptions.sampleSet(42, 36, Path.of("unused"));

    @Test
    void committedSetCoversEveryCategoryAndFormatOftenEnough() {
        List<DocumentPlan> plans = DocumentPlanner.plan(committed);

        assertThat(plans).hasSize(36);
        Map<DocumentCategory, Long> perCategory = count(plans, DocumentPlan::category);
        Map<DocumentFormat, Long> perFormat = count(plans, DocumentPlan::format);
        assertThat(perCategory.keySet()).containsExactlyInAnyOrder(DocumentCategory.values());
        assertThat(perCategory.values()).allMatch(n -> n >= 5);
        assertThat(perFormat.keySet()).containsExactlyInAnyOrder(DocumentFormat.values());
        assertThat(perFormat.values()).allMatch(n -> n >= 6);
        assertThat(plans).extracting(DocumentPlan::fileName).doesNotHaveDuplicates();
    }

    @Test
    void multiPageDocumentsAreOnlyPdfsAndEachPdfKindHasSome() {
        List<DocumentPlan> plans = DocumentPlanner.plan(committed);

        List<DocumentPlan> multiPage = plans.stream().filter(p -> p.pages() > 1).toList();
        assertThat(multiPage).hasSizeGreaterThanOrEqualTo(3);
        assertThat(multiPage).allMatch(p -> p.format().multiPageCapable());
        assertThat(multiPage)
                .extracting(DocumentPlan::format)
                .contains(DocumentFormat.SCANNED_PDF, DocumentFormat.TEXT_PDF);
    }

    @Test
    void skewStaysWithinBoundsAndBornDigitalPdfsAreStraight() {
        for (DocumentPlan plan : DocumentPlanner.plan(committed)) {
            assertThat(Math.abs(plan.skewDegrees())).isLessThanOrEqualTo(committed.maxSkewDegrees());
            if (plan.format() == DocumentFormat.TEXT_PDF) {
                assertThat(plan.skewDegrees()).isZero();
            }
            assertThat(committed.fontFamilies()).contains(plan.fontFamily());
        }
    }

    @Test
    void committedSetUsesOnlySeenFontsSoTheOthersStayUnseen() {
        assertThat(DocumentPlanner.plan(committed))
                .extracting(DocumentPlan::fontFamily)
                .allMatch(FontCatalog.SEEN_FAMILIES::contains)
                .noneMatch(FontCatalog.UNSEEN_FAMILIES::contains);
        GeneratorOptions unseen = GeneratorOptions.unseenOcrSet(7, 24, Path.of("unused"));
        assertThat(DocumentPlanner.plan(unseen))
                .extracting(DocumentPlan::fontFamily)
                .allMatch(FontCatalog.UNSEEN_FAMILIES::contains);
    }

    @Test
    void planDependsOnlyOnTheOptions() {
        assertThat(DocumentPlanner.plan(committed)).isEqualTo(DocumentPlanner.plan(committed));
        GeneratorOptions otherSeed = GeneratorOptions.sampleSet(43, 36, Path.of("unused"));
        assertThat(DocumentPlanner.plan(otherSeed)).isNotEqualTo(DocumentPlanner.plan(committed));
    }

    @Test
    void restrictingFormatsIsHonoured() {
        GeneratorOptions pngOnly = new GeneratorOptions(
                1, 10, FontCatalog.SEEN_FAMILIES, 1, 0, 300, List.of(DocumentFormat.PNG), Path.of("unused"));
        assertThat(DocumentPlanner.plan(pngOnly))
                .extracting(DocumentPlan::format)
                .containsOnly(DocumentFormat.PNG);
        assertThat(DocumentPlanner.plan(pngOnly)).allMatch(p -> p.pages() == 1);
        assertThat(EnumSet.copyOf(DocumentPlanner.plan(pngOnly).stream()
                        .map(DocumentPlan::category)
                        .toList()))
                .hasSize(DocumentCategory.values().length);
    }

    private static <K> Map<K, Long> count(List<DocumentPlan> plans, Function<DocumentPlan, K> key) {
        return plans.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
