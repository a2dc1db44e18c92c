package io.aibatch.jobs.document;

import io.aibatch.runtime.CloudBatch;
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

    public static final JobOption CLOUD_LLM_MODE = new JobOption(
            CloudBatch.MODE_OPTION,
            "MODE",
            "How unrestricted documents are summarised by the cloud LLM: realtime (default) or batch (Azure OpenAI Batch"
                    + " API at half price; results arrive in a collect step, within aibatch.cloud-llm.batch.max-wait per execution).");
    public static final JobOption CLOUD_LLM_BATCH_FALLBACK = new JobOption(
            CloudBatch.FALLBACK_OPTION,
            "WHAT",
            "With --cloud-llm-mode batch, requests of an expired or cancelled batch: realtime (sent again in real time) or"
                    + " none (dead-lettered batch-expired) (default: aibatch.cloud-llm.batch.fallback, realtime).");

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
        return List.of(OCR, OCR_ENDPOINT, OCR_LOCALITY, CLOUD_LLM_MODE, CLOUD_LLM_BATCH_FALLBACK);
    }
}
