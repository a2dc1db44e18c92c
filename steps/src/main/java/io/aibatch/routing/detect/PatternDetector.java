package io.aibatch.routing.detect;

import java.util.regex.Pattern;

/** A configured regular expression, e.g. a passport or patient-number format specific to one organisation. */
public final class PatternDetector implements IdentifierDetector {

    private final String reason;
    private final Pattern pattern;

    /**
     * @param reason the reason recorded when it matches, e.g. {@code passport}
     * @param regex  a Java regular expression searched anywhere in the text
     */
    public PatternDetector(String reason, String regex) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(
                    "a restricted-content pattern needs a name (the reason it records); regex: " + regex);
        }
        this.reason = reason;
        try {
            this.pattern = Pattern.compile(regex);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "restricted-content pattern '" + reason + "' is not a valid regular expression: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public boolean foundIn(String text) {
        // the text as written, and as the identifier detectors read it (fullwidth or Arabic-Indic digits, odd spaces)
        return pattern.matcher(text).find()
                || pattern.matcher(DetectionText.normalize(text)).find();
    }
}
