package io.aibatch.devtools.sampledata;

/** Writes the text of one kind of document from seeded details. */
interface ContentTemplate {

    DocumentContent write(FakeDetails details);

    static ContentTemplate forCategory(DocumentCategory category) {
        return switch (category) {
            case INVOICE -> new InvoiceTemplate();
            case LETTER -> new LetterTemplate();
            case RECEIPT -> new ReceiptTemplate();
            case CONTRACT -> new ContractTemplate();
            case MEDICAL_REFERRAL -> new MedicalReferralTemplate();
            case HR_RECORD -> new HrRecordTemplate();
        };
    }
}
