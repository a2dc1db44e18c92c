package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunParametersTest {

    @Test
    void optionsSurviveTheJobParametersSoThatARestartUsesThem() {
        RunParameters run = new RunParameters(
                "r1",
                "in",
                "out",
                3,
                "v1",
                Map.of("transcription", "azure-speech-container", "transcription-endpoint", "ws://stt:5000"));
        var parameters = run.toJobParameters();
        assertThat(parameters.getIdentifyingParameters()).hasSize(1); // only the run id identifies the run
        RunParameters back = RunParameters.from(parameters);
        assertThat(back).isEqualTo(run);
        assertThat(back.option("transcription-endpoint")).isEqualTo("ws://stt:5000");
        assertThat(RunParameters.from(new RunParameters("r2", "in", "out", 1, "v1").toJobParameters())
                        .options())
                .isEmpty();
    }
}
