package io.aibatch.jobs;

import io.aibatch.audio.AudioLimits;
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
        @DefaultValue Documents documents,
        @DefaultValue Audio audio,
        @DefaultValue Transcription transcription) {

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

    public record Audio(@DefaultValue("536870912") long maxBytes, @DefaultValue("14400") double maxSeconds,
                        @DefaultValue("0.1") double minSeconds) {

        public AudioLimits limits() {
            return new AudioLimits(maxBytes, maxSeconds, minSeconds);
        }
    }

    /**
     * @param engine         {@code openai} or {@code azure-speech-container} (the run's --transcription wins)
     * @param endpoint       the engine's URL (the run's --transcription-endpoint wins)
     * @param maxConcurrency transcriptions in flight at once per engine in this JVM
     */
    public record Transcription(@DefaultValue("openai") String engine, @DefaultValue("") String endpoint,
                                @DefaultValue("4") int maxConcurrency, @DefaultValue OpenAi openai,
                                @DefaultValue SpeechContainer speechContainer) {
    }

    public record OpenAi(@DefaultValue("whisper-1") String model, @DefaultValue("verbose_json") String responseFormat,
                         @DefaultValue("") String apiKey, @DefaultValue("") String language,
                         @DefaultValue("auto") String locality, @DefaultValue("300s") java.time.Duration timeout) {
    }

    /**
     * @param sdkMaxRetries   the Speech SDK's own reconnects (null = its default)
     * @param maxResumes      this engine's continuations of a file after the SDK gave up
     * @param sendRatePercent how fast the SDK sends audio, % of real time (null = the SDK's default, about 200)
     */
    public record SpeechContainer(@DefaultValue("en-US") String language, @DefaultValue("auto") String locality,
                                  Integer sdkMaxRetries, @DefaultValue("3") int maxResumes, Integer sendRatePercent) {
    }
}
