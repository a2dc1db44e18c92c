package io.aibatch.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.engine.Locality;
import io.aibatch.engine.llm.OpenAiCompatibleChatEngine;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LLM classification through KAITO (the simulator answers with one of the listed labels). */
class LlmClassifierTest {

    @Test
    void theModelsAnswerBecomesALabelOrNothing() throws Exception {
        try (Simulator sim = Simulator.start(
                        SimulatorConfig.defaults().withBackend(Backend.VLLM, c -> c.withServiceTime(1, 0.01)));
                OpenAiCompatibleChatEngine kaito = OpenAiCompatibleChatEngine.connect(
                        sim.baseUrl(), "", "", Duration.ofSeconds(20), Locality.IN_CLUSTER)) {
            LlmClassifier classifier = new LlmClassifier(kaito, ConfiguredLabels.load(), 8000);
            String text = Files.readString(Path.of("..", "sample-data", "ground-truth", "invoice-03.txt"));
            Classification c = classifier.classify("invoice-03", text).join();
            assertThat(c.label())
                    .isIn(ConfiguredLabels.load().stream()
                            .map(LabelDefinition::name)
                            .toList());
            assertThat(c.engine()).isEqualTo("kaito/phi-4-mini-instruct");
            assertThat(c.tokensIn()).isPositive();

            assertThat(classifier.labelIn("Invoice.")).isEqualTo("invoice");
            assertThat(classifier.labelIn("{\"label\": \"hr-record\"}")).isEqualTo("hr-record");
            assertThat(classifier.labelIn("It is a medical-referral letter")).isNull(); // two labels named: undecided
            assertThat(classifier.labelIn("no idea")).isNull();
        }
    }

    @Test
    void aCloudModelCannotClassify() {
        var cloud = new io.aibatch.engine.llm.ChatEngine() {
            public String name() {
                return "azure-openai/x";
            }

            public Locality locality() {
                return Locality.CLOUD;
            }

            public java.util.concurrent.CompletableFuture<io.aibatch.engine.llm.ChatReply> complete(
                    io.aibatch.engine.llm.ChatPrompt p) {
                throw new AssertionError("never called");
            }
        };
        assertThatThrownBy(() -> new LlmClassifier(cloud, List.of(new LabelDefinition("a", "b")), 100))
                .hasMessageContaining("in-cluster");
    }
}
