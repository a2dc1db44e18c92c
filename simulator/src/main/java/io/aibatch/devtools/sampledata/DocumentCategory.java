package io.aibatch.devtools.sampledata;

/**
 * The kinds of synthetic document, with the category label used in file names and labels.csv.
 * Two kinds are restricted by their label alone: whatever they say, they are personal records.
 */
public enum DocumentCategory {
    INVOICE("invoice", false),
    LETTER("letter", false),
    RECEIPT("receipt", false),
    CONTRACT("contract", false),
    MEDICAL_REFERRAL("medical-referral", true),
    HR_RECORD("hr-record", true);

    private final String label;
    private final boolean restrictedByLabel;

    DocumentCategory(String label, boolean restrictedByLabel) {
        this.label = label;
        this.restrictedByLabel = restrictedByLabel;
    }

    public String label() {
        return label;
    }

    public boolean restrictedByLabel() {
        return restrictedByLabel;
    }
}
