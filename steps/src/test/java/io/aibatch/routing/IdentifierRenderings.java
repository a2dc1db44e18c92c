package io.aibatch.routing;

import io.aibatch.devtools.sampledata.SyntheticIdentifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile renderings of valid identifiers, as an attacker (or an odd template) would print them. Next to a label
 * anything goes: any grouping, words, OCR look-alikes. Without one, the identifier keeps its customary grouping
 * (123 456 782, 2123 45670 1, 4111 1111 1111 1111) but with any separators and digits: that is the evidence the
 * detectors need, and the README says so.
 */
final class IdentifierRenderings {

    /** Zero digits of scripts people (or attackers) type: Arabic-Indic, Extended Arabic-Indic, fullwidth, Devanagari, Bengali, Thai, math bold. */
    static final int[] ZEROS = {'0', 0x0660, 0x06F0, 0xFF10, 0x0966, 0x09E6, 0x0E50, 0x1D7CE};

    static final String[] SEPARATORS = {
        " ",
        "  ",
        "\u00A0",
        "\u2009",
        "\u2007",
        "\u202F",
        ".",
        ",",
        "/",
        "_",
        "|",
        " | ",
        "-",
        "\u2013",
        "\u2014",
        "\u2212",
        "\n",
        "\n\n",
        " \n",
        "\r\n",
        " - ",
        ". ",
        ", ",
        "\u00A0\u200B",
        "\t",
        "'",
        "\u00B7"
    };
    static final String[] BEFORE = {"", " ", ",", ".", "+", ":", "(", "[", "\"", "#", "*", "= "};
    static final String[] AFTER = {"", " ", ".", ",", ")", "]", "\"", ";", " |", ".00", ".00 AUD", "\n"};
    static final String[] FILLER = {
        "Please find the details below.",
        "Employee onboarding checklist",
        "Payment received with thanks",
        "See attached.",
        "Reference for your records",
        "Updated 3 March 2024",
        "Room 12, Level 3"
    };
    static final String[] WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    private IdentifierRenderings() {}

    static String render(DetectionRecallAndFalsePositiveTest.Kind kind, Random random) {
        String digits =
                switch (kind) {
                    case TFN -> SyntheticIdentifiers.taxFileNumber(random);
                    case MEDICARE -> SyntheticIdentifiers.medicareNumber(random);
                    case CARD -> random.nextInt(4) == 0 ? amex(random) : SyntheticIdentifiers.paymentCardNumber(random);
                };
        boolean labelled = random.nextInt(3) > 0;
        String label = label(kind, random);
        // "ABN 123 456 782": a false company label does not hide a TFN, but it is no TFN label either
        boolean falseLabel = label.equals("ABN");
        String number;
        int style = labelled && !falseLabel ? random.nextInt(6) : 0;
        if (style == 4) {
            number = words(digits, random);
        } else if (style == 5) {
            List<Integer> groups = randomGroups(digits.length(), random);
            number = join(lookAlikes(digits, groups, random), groups, random, false);
        } else {
            List<Integer> groups = labelled && !falseLabel && random.nextBoolean()
                    ? randomGroups(digits.length(), random)
                    : customary(kind, digits);
            number = join(scriptDigits(digits, random), groups, random, true);
        }
        String around = pick(BEFORE, random) + number + pick(AFTER, random);
        String text;
        // words and look-alikes are read as digits after a label, not before it
        // and a card's label comes before it
        int layout = style >= 4 || kind == DetectionRecallAndFalsePositiveTest.Kind.CARD
                ? random.nextInt(2) * 3
                : random.nextInt(4);
        if (!labelled) {
            text = pick(FILLER, random) + (random.nextBoolean() ? "\n" : " ") + around.strip();
        } else if (layout == 0) {
            text = "| " + label + " | " + around.strip() + " |";
        } else if (layout == 1) {
            text = label + (random.nextBoolean() ? "\n" : "\n\n") + around;
        } else if (layout == 2) {
            text = around + " (" + label + ")";
        } else {
            text = label + pick(new String[] {":", ": ", " ", " - ", " ....... ", ":\u00A0", " is "}, random) + around;
        }
        return pick(FILLER, random) + "\n" + text + "\n" + pick(FILLER, random);
    }

    static String label(DetectionRecallAndFalsePositiveTest.Kind kind, Random random) {
        String[] labels =
                switch (kind) {
                    case TFN ->
                        new String[] {
                            "TFN",
                            "Tax file number",
                            "tax file no.",
                            "T.F.N.",
                            "TAX FILE NUMBER",
                            "Employee TFN",
                            "ABN",
                            "T\u00ADFN",
                            "\uFF34\uFF26\uFF2E",
                            "Your tax-file-number"
                        };
                    case MEDICARE ->
                        new String[] {"Medicare", "Medicare No:", "MEDICARE CARD", "Medicare number", "medicare #"};
                    case CARD ->
                        new String[] {
                            "Card", "Visa", "Credit card number", "card no.", "Mastercard", "AMEX", "Debit card"
                        };
                };
        return pick(labels, random);
    }

    private static String amex(Random random) {
        StringBuilder payload = new StringBuilder(random.nextBoolean() ? "34" : "37");
        while (payload.length() < 14) {
            payload.append(random.nextInt(10));
        }
        return payload.toString() + SyntheticIdentifiers.luhnCheckDigit(payload.toString());
    }

    private static List<Integer> customary(DetectionRecallAndFalsePositiveTest.Kind kind, String digits) {
        return switch (kind) {
            case TFN -> List.of(3, 3, 3);
            case MEDICARE -> List.of(4, 5, 1);
            case CARD -> digits.length() == 15 ? List.of(4, 6, 5) : List.of(4, 4, 4, 4);
        };
    }

    private static List<Integer> randomGroups(int length, Random random) {
        List<Integer> groups = new ArrayList<>();
        int left = length;
        while (left > 0) {
            int g = Math.min(left, 1 + random.nextInt(5));
            groups.add(g);
            left -= g;
        }
        return groups;
    }

    /** Each digit in a script picked per rendering, sometimes mixed per digit. */
    private static List<String> scriptDigits(String digits, Random random) {
        int zero = ZEROS[random.nextInt(ZEROS.length)];
        boolean mixed = random.nextInt(4) == 0;
        List<String> out = new ArrayList<>();
        for (char c : digits.toCharArray()) {
            int z = mixed ? ZEROS[random.nextInt(ZEROS.length)] : zero;
            out.add(new String(Character.toChars(z + (c - '0'))));
        }
        return out;
    }

    /** Some digits as OCR look-alikes, each group keeping one real digit: a group of letters alone reads as a word ("BSB"). */
    private static List<String> lookAlikes(String digits, List<Integer> groups, Random random) {
        List<String> out = new ArrayList<>();
        int at = 0;
        for (int size : groups) {
            int kept = random.nextInt(size);
            for (int i = 0; i < size; i++, at++) {
                char c = digits.charAt(at);
                String d = String.valueOf(c);
                if (i != kept && random.nextInt(3) == 0) {
                    d = switch (c) {
                        case '0' -> random.nextBoolean() ? "O" : "o";
                        case '1' -> random.nextBoolean() ? "l" : "I";
                        case '5' -> "S";
                        case '8' -> "B";
                        default -> d;
                    };
                }
                out.add(d);
            }
        }
        return out;
    }

    private static String words(String digits, Random random) {
        String separator = pick(new String[] {" ", "-", ", ", "  "}, random);
        List<String> words = new ArrayList<>();
        for (char c : digits.toCharArray()) {
            String w = WORDS[c - '0'];
            words.add(random.nextBoolean() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return String.join(separator, words);
    }

    private static String join(List<String> digits, List<Integer> groups, Random random, boolean anySeparator) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int g = 0; g < groups.size(); g++) {
            if (g > 0) {
                // look-alike tokens must stay tokens: a dot or comma can join "O" and "l" as well as a space
                out.append(
                        anySeparator
                                ? pick(SEPARATORS, random)
                                : pick(new String[] {" ", "-", " - ", ".", "/"}, random));
            }
            for (int i = 0; i < groups.get(g); i++) {
                out.append(digits.get(at++));
            }
        }
        return out.toString();
    }

    static String pick(String[] options, Random random) {
        return options[random.nextInt(options.length)];
    }
}
