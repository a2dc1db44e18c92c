package io.aibatch.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.aibatch.engine.BackendException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendExecutorTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static BackendPolicy policy(int concurrency, int maxAttempts) {
        return BackendPolicy.fixed("fake", concurrency)
                .withTimeouts(Duration.ofSeconds(2), maxAttempts, Duration.ofMillis(5), Duration.ofMillis(50));
    }

    @Test
    void neverExceedsAFixedConcurrencyAndKeepsItFull() throws Exception {
        try (FakeBackend backend = new FakeBackend(1000, 20)) {
            BackendExecutor executor = new BackendExecutor(policy(8, 3), scheduler);
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(executor.execute(backend::call, CallObserver.NONE));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
            assertThat(backend.maxInFlight.get()).isEqualTo(8);
            assertThat(executor.inFlight()).isZero();
        }
    }

    @Test
    void retriesHonourRetryAfter() throws Exception {
        try (FakeBackend backend = new FakeBackend(1000, 1)) {
            backend.failure =
                    n -> n == 1 ? BackendException.throttled("fake", 429, Duration.ofMillis(300), "busy") : null;
            BackendExecutor executor = new BackendExecutor(policy(1, 3), scheduler);
            List<CallOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            String reply = executor.execute(backend::call, (b, latency, outcome, attempt) -> outcomes.add(outcome))
                    .get();
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(reply).isEqualTo("ok-2");
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
            assertThat(outcomes).containsExactly(CallOutcome.THROTTLED, CallOutcome.SUCCESS);
        }
    }

    @Test
    void permanentFailuresAreNotRetriedAndTransientOnesStopAfterMaxAttempts() throws Exception {
        try (FakeBackend backend = new FakeBackend(1000, 1)) {
            BackendExecutor executor = new BackendExecutor(policy(2, 4), scheduler);

            backend.failure = n -> BackendException.permanent("fake", 400, "InvalidImageFormat");
            CallsExhaustedException rejected = (CallsExhaustedException) catchThrowable(() ->
                            executor.execute(backend::call, CallObserver.NONE).join())
                    .getCause();
            assertThat(rejected.attempts()).isEqualTo(1);
            assertThat(rejected.code()).isEqualTo("backend-rejected");
            assertThat(rejected.getMessage()).contains("rejected the item after 1 attempt", "InvalidImageFormat");

            backend.failure = n -> BackendException.transientFailure("fake", 503, "unavailable", null);
            CallsExhaustedException exhausted = (CallsExhaustedException) catchThrowable(() ->
                            executor.execute(backend::call, CallObserver.NONE).join())
                    .getCause();
            assertThat(exhausted.attempts()).isEqualTo(4);
            assertThat(exhausted.code()).isEqualTo("backend-failed");
        }
    }

    @Test
    void aCallWithoutReplyTimesOutAndIsRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BackendExecutor executor = new BackendExecutor(
                BackendPolicy.fixed("slow", 1)
                        .withTimeouts(Duration.ofMillis(100), 3, Duration.ofMillis(5), Duration.ofMillis(10)),
                scheduler);
        List<CallOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        String reply = executor.execute(
                        () -> calls.incrementAndGet() == 1
                                ? new CompletableFuture<String>()
                                : CompletableFuture.completedFuture("late"),
                        (b, latency, outcome, attempt) -> outcomes.add(outcome))
                .get();
        assertThat(reply).isEqualTo("late");
        assertThat(outcomes).containsExactly(CallOutcome.TIMEOUT, CallOutcome.SUCCESS);
        assertThat(executor.inFlight()).isZero();
    }

    @Test
    void anOpenBreakerPausesCallsInsteadOfBurningItemsIntoTheDeadLetter() throws Exception {
        try (FakeBackend backend = new FakeBackend(1000, 2)) {
            List<CompletableFuture<String>> items =
                    duringAnOutage(backend, Duration.ofMillis(1500), Duration.ofMillis(300), 100);
            long deadLettered = items.stream()
                    .filter(item -> catchThrowable(item::join) != null)
                    .count();
            assertThat(deadLettered).isZero();
            // while the backend was down, the breaker kept calls away from it
            assertThat(backend.calls.get()).isLessThan(100 + 60);
        }
    }

    /**
     * A call that a half-open breaker lets through as a probe, and that the still-down backend fails, is the outage's
     * failure, not the item's: it does not use up one of the item's attempts. Here a 3 s outage sees about a dozen
     * half-open rounds of 3 probes each among 12 items of 4 attempts.
     */
    @Test
    void failedProbesOfAHalfOpenBreakerDoNotUseUpTheItemsAttempts() throws Exception {
        try (FakeBackend backend = new FakeBackend(1000, 2)) {
            List<CompletableFuture<String>> items =
                    duringAnOutage(backend, Duration.ofMillis(3000), Duration.ofMillis(50), 12);
            List<Throwable> failures = items.stream()
                    .map(item -> catchThrowable(item::join))
                    .filter(failure -> failure != null)
                    .toList();
            assertThat(failures).isEmpty();
            // the breaker did probe the down backend, more often than the items' attempts would allow
            assertThat(backend.calls.get()).isGreaterThan(12 * 4);
        }
    }

    /**
     * Items sent to a backend that fails transiently for {@code outage} from now, through 4 calls in flight, 4 attempts
     * per item and a breaker over 10 calls that stays open for {@code openFor}.
     */
    private List<CompletableFuture<String>> duringAnOutage(
            FakeBackend backend, Duration outage, Duration openFor, int count) {
        long outageEnds = System.nanoTime() + outage.toNanos();
        backend.failure = n ->
                System.nanoTime() < outageEnds ? BackendException.transientFailure("fake", 503, "down", null) : null;
        BackendPolicy policy = policy(4, 4).withBreaker(50f, 10, openFor, Duration.ofMinutes(1));
        BackendExecutor executor = new BackendExecutor(policy, scheduler);
        List<CompletableFuture<String>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(executor.execute(backend::call, CallObserver.NONE));
        }
        return items;
    }

    @Test
    void aBackendDownForLongerThanTheOutageLimitStopsTheStep() {
        try (FakeBackend backend = new FakeBackend(1000, 1)) {
            backend.failure = n -> BackendException.transientFailure("fake", 503, "down", null);
            BackendPolicy policy = policy(2, 100).withBreaker(50f, 10, Duration.ofMillis(100), Duration.ofMillis(400));
            BackendExecutor executor = new BackendExecutor(policy, scheduler);
            List<CompletableFuture<String>> items = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                items.add(executor.execute(backend::call, CallObserver.NONE));
            }
            Throwable error = catchThrowable(() -> items.get(19).join());
            assertThat(error).hasCauseInstanceOf(BackendUnavailableException.class);
            assertThat(error.getCause().getMessage()).contains("backend fake has been failing", "restart the run");
        }
    }

    @Test
    void theAdaptiveLimitFindsAnUnconfiguredCapacityWithFewThrottledCalls() throws Exception {
        try (FakeBackend backend = new FakeBackend(24, 10)) {
            BackendPolicy policy = BackendPolicy.adaptiveDefaults("fake")
                    .withConcurrency(true, 2, 1, 200)
                    .withTimeouts(Duration.ofSeconds(2), 20, Duration.ofMillis(5), Duration.ofMillis(50));
            BackendExecutor executor = new BackendExecutor(policy, scheduler);
            // a steady stream of work: keep 100 items waiting for the gate
            List<CompletableFuture<String>> items = new ArrayList<>();
            for (int i = 0; i < 6000; i++) {
                items.add(executor.execute(backend::call, CallObserver.NONE));
            }
            CompletableFuture.allOf(items.toArray(CompletableFuture[]::new)).get();
            double throttledShare = (double) backend.throttled.get() / backend.calls.get();
            System.out.printf(
                    "adaptive: limit %d for capacity 24, %d calls, %.2f%% throttled%n",
                    executor.limit(), backend.calls.get(), 100 * throttledShare);
            assertThat(executor.limit()).isBetween(18, 30);
            assertThat(throttledShare).isLessThan(0.05);
        }
    }
}
