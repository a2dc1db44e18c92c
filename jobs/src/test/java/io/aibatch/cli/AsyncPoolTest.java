package io.aibatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncPoolTest {

    @Test
    void raisesTheCommonPoolToTwoOnlyWhenItWouldBeSmallerAndIsNotConfigured() {
        assertThat(AsyncPool.parallelism(null, 1)).isEqualTo("2");
        assertThat(AsyncPool.parallelism(null, 2)).isEqualTo("2");
        assertThat(AsyncPool.parallelism(null, 3)).isNull();
        assertThat(AsyncPool.parallelism(null, 16)).isNull();
        assertThat(AsyncPool.parallelism("1", 2)).isNull();
    }

    /** On two CPUs an async completion ran on a new thread per task ("Thread-0"); now on the common pool. */
    @Test
    void onTwoCpusAsyncCompletionsRunOnThePoolNotOnANewThreadEach() throws Exception {
        Process probe = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:ActiveProcessorCount=2",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Probe.class.getName()))
                .redirectErrorStream(true)
                .start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("shared=true").contains("thread=ForkJoinPool.commonPool-worker");
    }

    /** What {@code main} does first, then where an async stage runs. */
    static final class Probe {
        public static void main(String[] args) throws Exception {
            AsyncPool.ensureShared();
            String thread = CompletableFuture.supplyAsync(
                            () -> Thread.currentThread().getName())
                    .get(10, TimeUnit.SECONDS);
            System.out.println("shared=" + AsyncPool.shared() + " thread=" + thread);
        }
    }
}
