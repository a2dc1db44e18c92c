package io.aibatch.routing.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The identifier detectors a configuration names ({@code aibatch.restricted.detectors} and {@code .patterns}). */
public final class IdentifierDetectors {

    private IdentifierDetectors() {}

    /**
     * @param names     built-in detectors: tfn, medicare, card-number
     * @param legacyTfn also 8-digit TFNs right after "tax file number" / "TFN"
     * @param patterns  extra detectors: name to regular expression
     */
    public static List<IdentifierDetector> of(List<String> names, boolean legacyTfn, Map<String, String> patterns) {
        List<IdentifierDetector> detectors = new ArrayList<>();
        for (String name : names) {
            detectors.add(
                    switch (name) {
                        case "tfn" -> new TaxFileNumberDetector(legacyTfn);
                        case "medicare" -> new MedicareNumberDetector();
                        case "card-number" -> new PaymentCardDetector();
                        default ->
                            throw new IllegalArgumentException(
                                    "unknown restricted-content detector '" + name
                                            + "' in aibatch.restricted.detectors; known: tfn, medicare, card-number (add others as patterns)");
                    });
        }
        patterns.forEach((name, regex) -> detectors.add(new PatternDetector(name, regex)));
        return detectors;
    }
}
