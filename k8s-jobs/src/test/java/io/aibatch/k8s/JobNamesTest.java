package io.aibatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobNamesTest {

    private static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    @Test
    void shortCleanNamesStayReadable() {
        assertThat(JobNames.forRun("document-pipeline", "run-42")).isEqualTo("document-pipeline-run-42");
    }

    @Test
    void otherCharactersAreReplacedAndAHashKeepsNamesApart() {
        String upper = JobNames.forRun("document-pipeline", "Run_42");
        String lower = JobNames.forRun("document-pipeline", "run-42");

        assertThat(upper)
                .matches(DNS_1123_LABEL)
                .startsWith("document-pipeline-run-42-")
                .isNotEqualTo(lower);
    }

    @Test
    void longRunIdsAreCutTo63CharactersAndStayDistinctAndStable() {
        String runA = "2026-05-01T02:00:00Z-" + "a".repeat(60);
        String runB = "2026-05-01T02:00:00Z-" + "a".repeat(59) + "b";

        String nameA = JobNames.forRun("document-pipeline", runA);
        String nameB = JobNames.forRun("document-pipeline", runB);

        assertThat(nameA).hasSizeLessThanOrEqualTo(63).matches(DNS_1123_LABEL);
        assertThat(nameB).hasSizeLessThanOrEqualTo(63).matches(DNS_1123_LABEL);
        assertThat(nameA).isNotEqualTo(nameB).isEqualTo(JobNames.forRun("document-pipeline", runA));
    }

    @Test
    void emptyInputsAreRefused() {
        assertThatThrownBy(() -> JobNames.forRun("document-pipeline", " "))
                .hasMessage("runId is empty: pass the runId the Job name is derived from");
    }

    @Test
    void labelValues() {
        assertThat(JobNames.isValidLabelValue("run_1.2-x")).isTrue();
        assertThat(JobNames.isValidLabelValue("-run")).isFalse();
        assertThat(JobNames.isValidLabelValue("a".repeat(64))).isFalse();
    }
}
