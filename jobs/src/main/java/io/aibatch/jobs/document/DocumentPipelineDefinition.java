package io.aibatch.jobs.document;

import io.aibatch.runtime.JobDefinition;
import io.aibatch.runtime.JobOption;
import java.util.List;

/** {@code document-pipeline} as the command line knows it. */
public final class DocumentPipelineDefinition implements JobDefinition {

    public static final String NAME = "document-pipeline";
    public static final JobOption OCR = new JobOption(
            "ocr",
            "ENGINE",
            "OCR engine: embedded (Tesseract in this JVM), read-container, document-intelligence or any other OCR engine bean "
                    + "(default: aibatch.ocr.engine).");
    public static final JobOption OCR_ENDPOINT = new JobOption(
            "ocr-endpoint",
            "URL",
            "Base URL of the remote OCR service, e.g. http://read-ocr:5000 (default: aibatch.ocr.endpoint).");
    public static final JobOption OCR_LOCALITY = new JobOption(
            "ocr-locality",
            "WHERE",
            "Where the OCR endpoint runs: auto (default: loopback, private addresses and cluster names are in-cluster), in-cluster or cloud.");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "PDF/images: text or OCR, class, restricted check, summary";
    }

    @Override
    public List<JobOption> options() {
        return List.of(OCR, OCR_ENDPOINT, OCR_LOCALITY);
    }
}
