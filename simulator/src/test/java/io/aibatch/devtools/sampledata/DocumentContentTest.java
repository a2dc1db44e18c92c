package io.aibatch.devtools.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Properties every generated text must have, checked over many seeds rather than on fixed output. */
class DocumentContentTest {

    private static final int SEEDS = 150;
    private static final Pattern TFN =
            Pattern.compile("Tax file number:? (\\d{3} \\d{3} \\d{3})", Pattern.CASE_INSENSITIVE);
    private static final Pattern MEDICARE = Pattern.compile("Medicare number (\\d{4} \\d{5} \\d)");
    private static final Pattern CARD = Pattern.compile("\\b(\\d{4} \\d{4} \\d{4} \\d{4})\\b");

    private final FontCatalog fonts = new FontCatalog(FontCatalog.DEFAULT_DIRECTORY);

    @Test
    void everyDocumentHasBetween120And350WordsAsLaidOut() {
        for (DocumentCategory category : DocumentCategory.values()) {
            for (int seed = 0; seed < SEEDS; seed++) {
                DocumentContent content = write(category, seed);
                for (int pages = 1; pages <= 2; pages++) {
                    PageLayout.Layout layout = new PageLayout(fonts.awtFont("DejaVu Sans")).layout(content, 11, pages);
                    int words = GroundTruth.wordCount(GroundTruth.text(layout.pages()));
                    assertThat(words)
                            .as("%s seed %d, %d pages", category, seed, pages)
                            .isBetween(120, 350);
                }
            }
        }
    }

    @Test
    void everyDocumentFitsOnOnePageInEveryFontAtEveryBodySize() {
        float[] sizes = {10f, 11f, 12f};
        for (String family : FontCatalog.knownFamilies()) {
            PageLayout layout = new PageLayout(fonts.awtFont(family));
            for (DocumentCategory category : DocumentCategory.values()) {
                for (int seed = 0; seed < 40; seed++) {
                    for (float size : sizes) {
                        assertThat(layout.layout(write(category, seed), size, 1).pages())
                                .hasSize(1);
                    }
                }
            }
        }
    }

    @Test
    void restrictedIdentifiersAppearInTheTextWithValidCheckDigits() {
        for (DocumentCategory category : DocumentCategory.values()) {
            for (int seed = 0; seed < SEEDS; seed++) {
                DocumentContent content = write(category, seed);
                String text = allText(content);
                List<String> tfns = all(TFN, text);
                List<String> medicare = all(MEDICARE, text);
                List<String> cards = all(CARD, text);

                assertThat(!tfns.isEmpty())
                        .as("tfn in %s seed %d", category, seed)
                        .isEqualTo(content.identifiers().contains("tfn"));
                assertThat(!medicare.isEmpty())
                        .as("medicare in %s seed %d", category, seed)
                        .isEqualTo(content.identifiers().contains("medicare"));
                assertThat(!cards.isEmpty())
                        .as("card in %s seed %d", category, seed)
                        .isEqualTo(content.identifiers().contains("card-number"));
                assertThat(tfns).allMatch(SyntheticIdentifiers::isValidTaxFileNumber);
                assertThat(medicare).allMatch(SyntheticIdentifiers::isValidMedicareNumber);
                assertThat(cards).allMatch(SyntheticIdentifiers::isValidLuhn);
            }
        }
    }

    @Test
    void personalRecordsAlwaysCarryTheirIdentifier() {
        for (int seed = 0; seed < SEEDS; seed++) {
            assertThat(write(DocumentCategory.MEDICAL_REFERRAL, seed).identifiers())
                    .contains("medicare");
            assertThat(write(DocumentCategory.HR_RECORD, seed).identifiers()).contains("tfn");
        }
    }

    @Test
    void someButNotAllInvoicesAndReceiptsShowAFullCardNumber() {
        for (DocumentCategory category : List.of(DocumentCategory.INVOICE, DocumentCategory.RECEIPT)) {
            long withCard = java.util.stream.IntStream.range(0, SEEDS)
                    .filter(seed -> write(category, seed).identifiers().contains("card-number"))
                    .count();
            assertThat(withCard).as(category.name()).isBetween(SEEDS / 10L, SEEDS / 2L);
        }
    }

    @Test
    void sameSeedWritesTheSameTextAndOtherSeedsVary() {
        for (DocumentCategory category : DocumentCategory.values()) {
            assertThat(write(category, 5)).isEqualTo(write(category, 5));
            assertThat(allText(write(category, 5))).isNotEqualTo(allText(write(category, 6)));
        }
    }

    private static DocumentContent write(DocumentCategory category, long seed) {
        return ContentTemplate.forCategory(category).write(new FakeDetails(new Random(seed)));
    }

    private static String allText(DocumentContent content) {
        StringBuilder sb = new StringBuilder(content.title()).append('\n');
        content.blocks().forEach(block -> block.forEach(line -> sb.append(line).append('\n')));
        return sb.toString();
    }

    private static List<String> all(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        java.util.ArrayList<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
