package io.aibatch.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.engine.Locality;
import io.aibatch.engine.Sensitivity;
import io.aibatch.engine.llm.ChatEngine;
import io.aibatch.engine.llm.ChatPrompt;
import io.aibatch.engine.llm.ChatReply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A backend's requests-per-minute and tokens-per-minute caps hold calls back before they take a concurrency slot: N
 * calls take at least the time the cap allows for N, while the latency the observer records (the run's histograms), the
 * adaptive limit and the breaker see only the backend's own service time. Lower bounds are exact consequences of the
 * caps; upper bounds are generous.
 */
class BackendRateCapsTest {

    /** The backend answers in 5 ms: any latency near the pacing waits (hundreds of ms to seconds) is the pacing. */
    private static final long SERVICE_MILLIS = 5;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static BackendPolicy adaptive(RateCaps caps) {
        return BackendPolicy.adaptiveDefaults("capped")
                .withTimeouts(Duration.ofSeconds(5), 3, Duration.ofMillis(5), Duration.ofMillis(50))
                .withRateCaps(caps);
    }

    @Test
    void requestsPerMinuteSpacesTheCallsWithoutLookingSlow() throws Exception {
        // 600 a minute = 10 a second; 30 calls: 10 at once, then 10 per refill, so the last ones start after 2 s
        int calls = 30;
        int perMinute = 600;
        Histogram latencies = new ConcurrentHistogram(3);
        try (FakeBackend backend = new FakeBackend(1000, SERVICE_MILLIS)) {
            long started = System.nanoTime();
            BackendExecutor executor = new BackendExecutor(adaptive(new RateCaps(perMinute, null)), scheduler);
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                replies.add(executor.execute(
                        backend::call, (name, latency, outcome, attempt) -> latencies.recordValue(latency)));
            }
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;

            double minimum = (calls - perMinute / 60) * 60.0 / perMinute;
            assertThat(seconds).isGreaterThanOrEqualTo(minimum).isLessThan(minimum + 8);
            assertThat(backend.calls.get()).isEqualTo(calls);
            assertThat(backend.throttled.get()).isZero();
            assertThat(latencies.getTotalCount()).isEqualTo(calls);
            assertThat(TimeUnit.NANOSECONDS.toMillis(latencies.getMaxValue()))
                    .as("the waits for permits are not in the recorded latency")
                    .isLessThan(400);
            assertThat(executor.limit())
                    .as("the adaptive limit did not take the waits for congestion")
                    .isGreaterThanOrEqualTo(executor.policy().initialConcurrency());
            assertThat(executor.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void withoutCapsTheSameCallsAreNotHeldBack() throws Exception {
        try (FakeBackend backend = new FakeBackend(1000, SERVICE_MILLIS)) {
            long started = System.nanoTime();
            BackendExecutor executor = new BackendExecutor(adaptive(RateCaps.NONE), scheduler);
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                replies.add(executor.execute(backend::call, CallObserver.NONE));
            }
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat((System.nanoTime() - started) / 1e9).isLessThan(1.5);
        }
    }

    @Test
    void tokensPerMinuteHoldsCallsBackByTheirEstimate() throws Exception {
        // 60,000 a minute = 1,000 a second; each call is estimated 1,600 / 4 + 100 = 500 tokens
        int perMinute = 60_000;
        int calls = 6;
        ChatPrompt prompt = prompt(1600, 100);
        assertThat(ResilientChatEngine.estimatedTokens(prompt)).isEqualTo(500);
        Histogram latencies = new ConcurrentHistogram(3);
        try (FakeBackend backend = new FakeBackend(1000, SERVICE_MILLIS)) {
            long started = System.nanoTime();
            BackendExecutor executor = new BackendExecutor(adaptive(new RateCaps(null, perMinute)), scheduler);
            ChatEngine engine = new ResilientChatEngine(
                    new UsageReportingEngine(backend, 400, 100),
                    executor,
                    (name, latency, outcome, attempt) -> latencies.recordValue(latency));
            List<CompletableFuture<ChatReply>> replies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                replies.add(engine.complete(prompt));
            }
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;

            // one second's worth (1,000) goes at once, the other 2,000 tokens take 2 s more
            double minimum = (calls * 500 - perMinute / 60) * 60.0 / perMinute;
            assertThat(seconds).isGreaterThanOrEqualTo(minimum).isLessThan(minimum + 8);
            assertThat(TimeUnit.NANOSECONDS.toMillis(latencies.getMaxValue())).isLessThan(400);
            assertThat(executor.limit())
                    .isGreaterThanOrEqualTo(executor.policy().initialConcurrency());
            assertThat(executor.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void aReplyThatUsedMoreTokensThanEstimatedDelaysTheNextCalls() throws Exception {
        // estimated 500, used 1,000: one call after the other, each really costs 1,000 of the 1,000 a second
        int perMinute = 60_000;
        int calls = 4;
        ChatPrompt prompt = prompt(1600, 100);
        try (FakeBackend backend = new FakeBackend(1000, SERVICE_MILLIS)) {
            long started = System.nanoTime();
            BackendExecutor executor = new BackendExecutor(adaptive(new RateCaps(null, perMinute)), scheduler);
            ChatEngine engine =
                    new ResilientChatEngine(new UsageReportingEngine(backend, 900, 100), executor, CallObserver.NONE);
            for (int i = 0; i < calls; i++) {
                engine.complete(prompt).get(30, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            // settled at the estimate the 4 calls would take 2,000 tokens = 1 s; settled at the usage, 4,000 = 3 s
            double minimum = (calls * 1000 - perMinute / 60) * 60.0 / perMinute;
            assertThat(seconds).isGreaterThanOrEqualTo(minimum).isLessThan(minimum + 8);
        }
    }

    @Test
    void aCapMustBeAPositiveWholeNumber() {
        assertThatThrownBy(() -> new RateCaps(0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requests-per-minute must be a positive whole number (leave it unset for no cap), got 0");
        assertThatThrownBy(() -> new RateCaps(100, -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tokens-per-minute must be a positive whole number (leave it unset for no cap), got -5");
        assertThat(new RateCaps(null, null).capped()).isFalse();
        assertThat(BackendPolicy.adaptiveDefaults("x").rateCaps()).isEqualTo(RateCaps.NONE);
    }

    @Test
    void eachWorkerJvmGetsAnEvenShareOfAtLeastOne() {
        assertThat(new RateCaps(600, 100_000).sharedAmong(1)).isEqualTo(new RateCaps(600, 100_000));
        assertThat(new RateCaps(600, 100_000).sharedAmong(4)).isEqualTo(new RateCaps(150, 25_000));
        // rounded down, so that the JVMs together stay within the cap
        assertThat(new RateCaps(100, null).sharedAmong(3)).isEqualTo(new RateCaps(33, null));
        assertThat(new RateCaps(2, 5).sharedAmong(8)).isEqualTo(new RateCaps(1, 1));
        assertThatThrownBy(() -> new RateCaps(2, 5).sharedAmong(0)).hasMessage("worker JVMs must be at least 1, got 0");
    }

    private static ChatPrompt prompt(int characters, int maxTokens) {
        return new ChatPrompt("item-1", Sensitivity.UNRESTRICTED, "", "x".repeat(characters), maxTokens);
    }

    /** A chat backend whose replies report the usage given here, answered by the fake backend's timer. */
    private record UsageReportingEngine(FakeBackend backend, long tokensIn, long tokensOut) implements ChatEngine {

        @Override
        public String name() {
            return "capped";
        }

        @Override
        public Locality locality() {
            return Locality.CLOUD;
        }

        @Override
        public CompletableFuture<ChatReply> complete(ChatPrompt prompt) {
            return backend.call()
                    .thenApply(text ->
                            new ChatReply(text, tokensIn, tokensOut, Duration.ofMillis(SERVICE_MILLIS), "stop"));
        }
    }
}
