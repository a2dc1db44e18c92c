package io.aibatch.runtime.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.runtime.RunParameters;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

class ProcessPartitionHandlerTest {

    /**
     * A worker that ends without finishing its slice and has no restarts left: the manager asks by step name
     * ({@code worker:slice-0000}) and must see the slice finished, or it polls forever (found by the image check,
     * tools/image/check.sh, with max-restarts-per-slice 0).
     */
    @Test
    void aWorkerOutOfRestartsIsFinishedUnderItsStepName(@TempDir Path dir) throws Exception {
        // the worker is a real JVM: this run id is in no repository, so it exits non-zero at once
        ProcessPartitionHandler handler = new ProcessPartitionHandler(
                null, run -> List.of("--work-dir", dir.resolve("work").toString()), dir.resolve("logs"), 0, 78);
        JobExecution run = new JobExecution(
                1L,
                new JobInstance(1L, "document-pipeline"),
                new JobParametersBuilder()
                        .addString(RunParameters.RUN_ID, "no-such-run")
                        .toJobParameters());
        StepExecution manager = new StepExecution(1L, "process", run);
        StepExecution slice = new StepExecution(2L, "worker:slice-0000", run);

        try (SliceLaunch launch = handler.launch(manager, List.of(slice))) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!launch.finished("worker:slice-0000") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(launch.finished("worker:slice-0000"))
                    .as("finished, asked by step name")
                    .isTrue();
            assertThat(launch.finished("slice-0000"))
                    .as("finished, asked by slice name")
                    .isTrue();
        }
    }
}
