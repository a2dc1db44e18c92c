package io.aibatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.item.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InFlightBytesTest {

    /** Items that finish only when the test says so; records the bytes of the items running at once. */
    private static final class HeldItems implements ItemHandler {
        final Map<String, CompletableFuture<ItemOutcome>> running = new ConcurrentHashMap<>();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong peak = new AtomicLong();

        @Override
        public CompletableFuture<ItemOutcome> handle(WorkItem item) {
            peak.accumulateAndGet(bytes.addAndGet(item.size()), Math::max);
            CompletableFuture<ItemOutcome> outcome = new CompletableFuture<>();
            running.put(item.name(), outcome);
            return outcome.whenComplete((o, e) -> bytes.addAndGet(-item.size()));
        }

        void finish(String name) {
            running.remove(name).complete(new ItemOutcome.Processed(item(name, 0), name, Units.NONE));
        }
    }

    @Test
    void itemsWaitForBudgetInsteadOfAllocatingAndOneLargerThanTheBudgetRunsAlone() {
        HeldItems held = new HeldItems();
        BudgetedItemHandler handler = new BudgetedItemHandler(held, new InFlightBytes(1000));
        List<CompletableFuture<ItemOutcome>> outcomes = new ArrayList<>();
        outcomes.add(handler.handle(item("a", 400)));
        outcomes.add(handler.handle(item("b", 400)));
        outcomes.add(handler.handle(item("huge", 5000)));
        outcomes.add(handler.handle(item("c", 400)));

        assertThat(held.running).containsOnlyKeys("a", "b");
        held.finish("a");
        assertThat(held.running)
                .as("huge waits for the whole budget; c queues behind it")
                .containsOnlyKeys("b");
        held.finish("b");
        assertThat(held.running).as("huge runs alone").containsOnlyKeys("huge");
        held.finish("huge");
        assertThat(held.running).containsOnlyKeys("c");
        held.finish("c");

        assertThat(outcomes).allMatch(CompletableFuture::isDone);
        assertThat(held.peak.get()).isEqualTo(5000);
    }

    @Test
    void aWaiterThatGivesUpDoesNotHoldBackTheOthers() {
        HeldItems held = new HeldItems();
        BudgetedItemHandler handler = new BudgetedItemHandler(held, new InFlightBytes(1000));
        handler.handle(item("a", 800));
        CompletableFuture<ItemOutcome> abandoned = handler.handle(item("b", 900));
        handler.handle(item("c", 100));
        assertThat(held.running).containsOnlyKeys("a");

        abandoned.cancel(true);
        held.finish("a");

        assertThat(held.running).containsOnlyKeys("c");
    }

    @Test
    void manyWaitersOnItemsThatFinishAtOnceDoNotDeepenTheStack() {
        InFlightBytes budget = new InFlightBytes(1);
        BudgetedItemHandler handler = new BudgetedItemHandler(
                item -> CompletableFuture.completedFuture(new ItemOutcome.Processed(item, item.name(), Units.NONE)),
                budget);
        CompletableFuture<Void> first = budget.acquire(1);
        List<CompletableFuture<ItemOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            outcomes.add(handler.handle(item("item-" + i, 1)));
        }
        assertThat(first).isDone();
        assertThat(outcomes).noneMatch(CompletableFuture::isDone);

        budget.release(1);

        assertThat(outcomes).allMatch(outcome -> outcome.isDone() && !outcome.isCompletedExceptionally());
    }

    private static WorkItem item(String name, long size) {
        return WorkItem.of("/in/" + name, name, size, Instant.EPOCH, null);
    }
}
