package io.aibatch.jobs;

import io.aibatch.document.DocumentLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The {@code aibatch.*} configuration; defaults and explanations live in config/application.yaml. */
@ConfigurationProperties("aibatch")
public record AibatchProperties(
        @DefaultValue("dev") String pipelineVersion,
        @DefaultValue("4") int partitions,
        @DefaultValue("8") int partitionThreads,
        @DefaultValue("20") int chunkSize,
        @DefaultValue("32") int window,
        @DefaultValue Ocr ocr,
        @DefaultValue Documents documents) {

    public record Ocr(@DefaultValue("0") int threads, @DefaultValue Tesseract tesseract) {

        public int effectiveThreads() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }
    }

    public record Tesseract(@DefaultValue("eng") String language, @DefaultValue("") String datapath) {
    }

    public record Documents(@DefaultValue("67108864") long maxBytes, @DefaultValue("40000000") long maxPixels,
                            @DefaultValue("200") int maxPages, @DefaultValue("300") int renderDpi,
                            @DefaultValue("16") int minTextLayerChars) {

        public DocumentLimits limits() {
            return new DocumentLimits(maxBytes, maxPixels, maxPages, renderDpi, minTextLayerChars);
        }
    }
}
