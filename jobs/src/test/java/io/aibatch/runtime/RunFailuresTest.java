package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.engine.EngineFactory;
import io.aibatch.engine.Locality;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.ocr.RemoteOcrEngine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a configuration error tells the operator to check comes from the engine factory that made the backend. */
class RunFailuresTest {

    private static final AibatchProperties.Llm LLM =
            new AibatchProperties.Llm(Duration.ofSeconds(1), "", "", "auto", EngineConfiguration.KAITO);

    @Test
    void theHintIsTheFactorysForEveryEngineItMakes() {
        EngineFactory<RemoteOcrEngine> read = EngineFactory.alsoNaming(
                EngineFactory.remote(
                        "read-container",
                        RemoteOcrEngine.class,
                        "aibatch.ocr.locality",
                        endpoint -> Locality.IN_CLUSTER,
                        (endpoint, locality) -> null,
                        "--ocr-endpoint and its key"),
                "read-cloud");
        EngineFactory<ChatEngine> ownChat = EngineFactory.remote(
                "my-chat",
                ChatEngine.class,
                "my.chat.locality",
                endpoint -> Locality.IN_CLUSTER,
                (endpoint, locality, model) -> null,
                "my.chat.endpoint");
        RunFailures failures =
                new RunFailures(new EngineFactories(List.of(read, EngineConfiguration.kaitoChat(LLM), ownChat)));

        assertThat(failures.settingFor("read-container")).isEqualTo("--ocr-endpoint and its key");
        assertThat(failures.settingFor("read-cloud")).isEqualTo("--ocr-endpoint and its key");
        assertThat(failures.settingFor("kaito/phi-4-mini")).contains("--llm-endpoint", "aibatch.llm.api-key");
        assertThat(failures.settingFor("my-chat/model-x")).isEqualTo("my.chat.endpoint");
        assertThat(failures.settingFor("unknown/x")).isEqualTo("the endpoint and credentials of backend unknown/x");
    }
}
