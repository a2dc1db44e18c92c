package io.aibatch.jobs;

import io.aibatch.document.DocumentLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The {@code aibatch.*} configuration; defaults and explanations live in config/application.yaml. */
@ConfigurationProperties("aibatch")
public record AibatchProperties(
        @DefaultValue("dev") String pipelineVersion,
        @DefaultValue("4") int partitions,
        @DefaultValue("8") int partitionThreads,
        @DefaultValue("20") int chunkSize,
        @DefaultValue("32") int window,
        @DefaultValue("16") int ioThreads,
        @DefaultValue(".aibatch") Path workDirectory,
        @DefaultValue("3") int maxRestartsPerSlice,
        @DefaultValue("25s") Duration shutdownGrace,
        @DefaultValue Ocr ocr,
        @DefaultValue Documents documents,
        Map<String, BackendSettings> backends) {

    public AibatchProperties {
        backends = backends == null ? Map.of() : Map.copyOf(backends);
    }

    /**
     * @param engine   {@code embedded} (Tesseract in this JVM), {@code read-container} or {@code document-intelligence}
     * @param endpoint base URL of the remote OCR service
     * @param apiKey   sent to the remote service; from AIBATCH_OCR_API_KEY or a mounted secret, never from the command line
     */
    public record Ocr(@DefaultValue("embedded") String engine, String endpoint, String apiKey,
                      @DefaultValue("false") boolean sync, @DefaultValue("prebuilt-read") String documentModel,
                      @DefaultValue("30s") Duration requestTimeout, @DefaultValue("250ms") Duration pollInterval,
                      @DefaultValue("0") int threads, @DefaultValue Tesseract tesseract) {

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
