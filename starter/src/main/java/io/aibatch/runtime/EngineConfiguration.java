package io.aibatch.runtime;

import io.aibatch.engine.EngineFactory;
import io.aibatch.engine.Locality;
import io.aibatch.engine.llm.AzureOpenAiChatEngine;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.llm.OpenAiCompatibleChatEngine;
import io.aibatch.engine.ocr.DocumentIntelligenceOcrClient;
import io.aibatch.engine.ocr.OcrEngine;
import io.aibatch.engine.ocr.ReadOcrClient;
import io.aibatch.engine.ocr.RemoteOcrEngine;
import io.aibatch.engine.ocr.RemoteOcrSettings;
import io.aibatch.engine.ocr.Tessdata;
import io.aibatch.engine.ocr.TesseractOcrEngine;
import io.aibatch.engine.speech.AzureSpeechContainerEngine;
import io.aibatch.engine.speech.EndpointLocality;
import io.aibatch.engine.speech.OpenAiTranscriptionEngine;
import io.aibatch.engine.speech.TranscriptionEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The engines aibatch ships, one {@link EngineFactory} bean each; a job finds them by kind and name through
 * {@link EngineFactories}. An application adds an engine by declaring another factory bean.
 */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

    public static final String EMBEDDED_OCR = "embedded";
    public static final String READ_CONTAINER = "read-container";
    public static final String DOCUMENT_INTELLIGENCE = "document-intelligence";
    public static final String OPENAI_TRANSCRIPTION = "openai";
    public static final String AZURE_SPEECH_CONTAINER = "azure-speech-container";
    /** Chat completions from an OpenAI-compatible server in the cluster (KAITO/vLLM). */
    public static final String KAITO = "kaito";
    /** Chat completions from an Azure OpenAI deployment (cloud). */
    public static final String AZURE_OPENAI = "azure-openai";
    /** Engines of {@code read-container} report themselves as {@code read-cloud} when their endpoint runs in the cloud. */
    static final String READ_CLOUD = "read-cloud";

    private static final String OCR_HINT = "--ocr-endpoint and the key in AIBATCH_OCR_API_KEY (aibatch.ocr.api-key)";

    @Bean
    EngineFactories engineFactories(List<EngineFactory<?>> factories) {
        return new EngineFactories(factories);
    }

    /** The run's chat engines, from the factories aibatch.llm.engine and aibatch.cloud-llm.engine name. */
    /** {@code --cloud-llm-mode batch}: the Azure OpenAI Batch client of each run's cloud endpoint, made on first use. */
    @Bean
    CloudBatch cloudBatch(AibatchProperties properties) {
        return new CloudBatch(properties.cloudLlm());
    }

    @Bean(destroyMethod = "close")
    ChatEngines chatEngines(AibatchProperties properties, EngineFactories engineFactories) {
        return new ChatEngines(properties.llm(), properties.cloudLlm(), engineFactories);
    }

    @Bean
    EngineFactory<ChatEngine> kaitoChat(AibatchProperties properties) {
        return kaitoChat(properties.llm());
    }

    /**
     * The in-cluster model: any OpenAI-compatible server (a KAITO workspace's vLLM); the model is the run's, else
     * aibatch.llm.model, else the first one the server lists.
     */
    public static EngineFactory<ChatEngine> kaitoChat(AibatchProperties.Llm llm) {
        return EngineFactory.remote(
                KAITO,
                ChatEngine.class,
                "aibatch.llm.locality",
                endpoint -> EndpointLocality.resolve(llm.locality(), endpoint),
                (endpoint, locality, model) -> OpenAiCompatibleChatEngine.connect(
                        String.valueOf(endpoint),
                        model == null || model.isBlank() ? llm.model() : model,
                        kaitoKey(llm),
                        llm.timeout(),
                        locality),
                "--llm-endpoint, aibatch.llm.model and aibatch.llm.api-key");
    }

    /** The cloud model: an Azure OpenAI deployment (the run's --cloud-llm-deployment), CLOUD whatever its address. */
    @Bean
    EngineFactory<ChatEngine> azureOpenAiChat(AibatchProperties properties) {
        AibatchProperties.CloudLlm cloud = properties.cloudLlm();
        return EngineFactory.remote(
                AZURE_OPENAI,
                ChatEngine.class,
                "aibatch.cloud-llm (always cloud)",
                endpoint -> Locality.CLOUD,
                (endpoint, locality, deployment) -> AzureOpenAiChatEngine.connect(
                        String.valueOf(endpoint),
                        deployment,
                        cloud.effectiveApiKey(),
                        cloud.apiVersion(),
                        cloud.timeout()),
                "--cloud-llm-endpoint (https), --cloud-llm-deployment and AZURE_OPENAI_API_KEY (else the Azure identity)");
    }

    /** Lazy: Tesseract is loaded only by a run that needs it, not by status or restart look-ups. */
    @Bean(destroyMethod = "close")
    @Lazy
    OcrEngine embeddedOcrEngine(AibatchProperties properties) throws IOException {
        AibatchProperties.Tesseract tesseract = properties.ocr().tesseract();
        Path datapath = Tessdata.resolve(
                tesseract.datapath(), tesseract.language(), Path.of(System.getProperty("java.io.tmpdir")));
        return new TesseractOcrEngine(datapath, tesseract.language());
    }

    /** Embedded OCR is CPU-bound: one thread per core by default, shared by every slice in this JVM. */
    @Bean
    ThreadPoolTaskExecutor ocrExecutor(AibatchProperties properties) {
        return RunInfrastructureConfiguration.daemonPool(
                "ocr-", properties.ocr().effectiveThreads());
    }

    @Bean
    EngineFactory<OcrEngine> embeddedOcr(ObjectProvider<OcrEngine> embeddedOcrEngine) {
        return EngineFactory.embedded(EMBEDDED_OCR, OcrEngine.class, embeddedOcrEngine::getObject);
    }

    @Bean
    EngineFactory<RemoteOcrEngine> readContainerOcr(AibatchProperties properties, HttpClient httpClient) {
        AibatchProperties.Ocr ocr = properties.ocr();
        return EngineFactory.alsoNaming(
                EngineFactory.remote(
                        READ_CONTAINER,
                        RemoteOcrEngine.class,
                        "aibatch.ocr.locality",
                        endpoint -> EndpointLocality.resolve(ocr.locality(), endpoint),
                        (endpoint, locality) ->
                                new ReadOcrClient(remoteOcr(ocr, endpoint, locality), ocr.sync(), httpClient),
                        OCR_HINT),
                READ_CLOUD);
    }

    @Bean
    EngineFactory<RemoteOcrEngine> documentIntelligenceOcr(AibatchProperties properties, HttpClient httpClient) {
        AibatchProperties.Ocr ocr = properties.ocr();
        return EngineFactory.remote(
                DOCUMENT_INTELLIGENCE,
                RemoteOcrEngine.class,
                "aibatch.ocr.locality",
                endpoint -> EndpointLocality.resolve(ocr.locality(), endpoint),
                (endpoint, locality) -> new DocumentIntelligenceOcrClient(
                        remoteOcr(ocr, endpoint, locality), ocr.documentModel(), httpClient),
                OCR_HINT);
    }

    @Bean
    EngineFactory<TranscriptionEngine> openAiTranscription(AibatchProperties properties) {
        AibatchProperties.OpenAi o = properties.transcription().openai();
        return EngineFactory.remote(
                OPENAI_TRANSCRIPTION,
                TranscriptionEngine.class,
                "aibatch.transcription.openai.locality",
                endpoint -> EndpointLocality.resolve(o.locality(), endpoint),
                (endpoint, locality) -> new OpenAiTranscriptionEngine(new OpenAiTranscriptionEngine.Settings(
                        endpoint,
                        o.apiKey(),
                        o.model(),
                        o.responseFormat(),
                        o.language().isBlank() ? null : o.language(),
                        locality,
                        o.timeout())),
                "--transcription-endpoint, aibatch.transcription.openai.model and OPENAI_API_KEY (aibatch.transcription.openai.api-key)");
    }

    @Bean
    EngineFactory<TranscriptionEngine> azureSpeechContainerTranscription(AibatchProperties properties) {
        AibatchProperties.SpeechContainer s = properties.transcription().speechContainer();
        return EngineFactory.remote(
                AZURE_SPEECH_CONTAINER,
                TranscriptionEngine.class,
                "aibatch.transcription.speech-container.locality",
                endpoint -> EndpointLocality.resolve(s.locality(), endpoint),
                (endpoint, locality) -> new AzureSpeechContainerEngine(new AzureSpeechContainerEngine.Settings(
                        endpoint, s.language(), locality, s.sdkMaxRetries(), s.maxResumes(), s.sendRatePercent())),
                "--transcription-endpoint");
    }

    /** aibatch.llm.api-key, else env KAITO_API_KEY, else none (KAITO wants none). */
    private static String kaitoKey(AibatchProperties.Llm llm) {
        if (!llm.apiKey().isBlank()) {
            return llm.apiKey();
        }
        String key = System.getenv("KAITO_API_KEY");
        return key == null ? "" : key;
    }

    private static RemoteOcrSettings remoteOcr(AibatchProperties.Ocr ocr, URI endpoint, Locality locality) {
        String key = ocr.apiKey() == null || ocr.apiKey().isBlank() ? null : ocr.apiKey();
        return new RemoteOcrSettings(endpoint, key, ocr.requestTimeout(), ocr.pollInterval(), locality);
    }
}
