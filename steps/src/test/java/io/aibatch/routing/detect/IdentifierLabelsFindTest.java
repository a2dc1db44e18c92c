package io.aibatch.routing.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link IdentifierLabels#find} skips positions where no label can start: it must find exactly what find() does. */
class IdentifierLabelsFindTest {

    /** Label pieces, letters around them, separators and non-ASCII look-alikes, glued at random. */
    private static final String[] PIECES = {
        "TFN",
        "t.f.n",
        "T-F-N",
        "tax file",
        "Tax File Number",
        "taxfile no",
        "medicare",
        "MCN",
        "card",
        "Visa",
        "master card",
        "MasterCard",
        "amex",
        "American Express",
        "debit",
        "ABN",
        "a.b.n",
        "ACN",
        "ARBN",
        "pan",
        "jcb",
        "x",
        "q",
        "s",
        "e",
        "the",
        "can",
        "pt",
        "au",
        "ja",
        "ju",
        " ",
        ": ",
        "-",
        ".",
        "_",
        "/",
        "#",
        "123 456 782",
        "\u00e9",
        "\u0130",
        "\u212a",
        "\u0442",
        "\u00a0",
        "\n",
        "\u0661\u0662",
        "\u017f",
        "TAX",
        "Dja",
        "mmedicare"
    };

    @Test
    void findsTheSameLabelsAsAFullScan() {
        Random random = new Random(22);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(12);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String s = text.toString();
            assertThat(skipping(IdentifierLabels.ANY, s))
                    .as("labels in \"%s\"", s)
                    .isEqualTo(scanning(IdentifierLabels.ANY, s));
        }
    }

    @Test
    void readsLabelsAtTheStartAndTheEndOfTheText() {
        assertThat(skipping(IdentifierLabels.ANY, "TFN")).containsExactly("0-3");
        assertThat(skipping(IdentifierLabels.ANY, "xTFN tfn")).containsExactly("5-8");
        assertThat(IdentifierLabels.in("Medicare 2123 45670 1 card").near(IdentifierLabels.Kind.MEDICARE, 9, 20))
                .isTrue();
    }

    private static List<String> scanning(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.start() + "-" + m.end());
        }
        return found;
    }

    private static List<String> skipping(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = IdentifierLabels.matcher(pattern, text);
        for (int from = 0; IdentifierLabels.find(m, text, from); from = m.end()) {
            found.add(m.start() + "-" + m.end());
        }
        return found;
    }
}
