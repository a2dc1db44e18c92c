package io.aibatch.runtime;

import io.aibatch.pipeline.ItemOutcome;
import io.aibatch.report.SliceCounters;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * A tolerated-failure threshold, like Step Functions' ToleratedFailurePercentage: when more than
 * {@code --max-dead-letter-ratio} of the run's items (all slices, wherever they run, every execution) were
 * dead-lettered, once at least {@value #MIN_ITEMS} are done, the slice fails with the top dead-letter codes as the
 * reason (exit 1). {@code restart --max-dead-letter-ratio R} continues the run with another threshold.
 * <p>
 * The hot path only counts the chunk's dead-letters by code; the whole run's committed counts (every slice's last
 * checkpoint in the job repository) are read at most every {@link #CHECK_INTERVAL_NANOS} per slice.
 * Not final: a step-scoped bean is a CGLIB proxy.
 */
public class DeadLetterThreshold implements ItemWriteListener<ItemOutcome>, ItemStream {

    public static final String OPTION = "max-dead-letter-ratio";
    static final int MIN_ITEMS = 50;
    static final String CODE_PREFIX = "deadLetterCode.";
    private static final long CHECK_INTERVAL_NANOS = 2_000_000_000L;

    private final StepExecution stepExecution;
    private final JobRepository jobRepository;
    private final double maxRatio;
    private final Map<String, Long> codes = new HashMap<>();
    /** This slice's results so far (its checkpoint plus the chunks since). */
    private long written;

    private long lastCheck;

    public DeadLetterThreshold(StepExecution stepExecution, JobRepository jobRepository, double maxRatio) {
        if (!(maxRatio > 0)) {
            throw new IllegalArgumentException(
                    "--max-dead-letter-ratio must be above 0 (1 disables the threshold) but was " + maxRatio);
        }
        this.stepExecution = stepExecution;
        this.jobRepository = jobRepository;
        this.maxRatio = maxRatio;
        this.lastCheck = System.nanoTime() - CHECK_INTERVAL_NANOS;
    }

    /** The run's threshold: its option, else the configured default. */
    public static double ratio(RunParameters run, double configured) {
        String option = run.option(OPTION);
        if (option == null) {
            return configured;
        }
        try {
            return Double.parseDouble(option);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--max-dead-letter-ratio '" + option + "' is not a number between 0 and 1");
        }
    }

    @Override
    public void open(ExecutionContext context) {
        codes.clear();
        written = context.getLong(SliceCounters.WRITTEN, 0L);
        context.entrySet().stream()
                .filter(e -> e.getKey().startsWith(CODE_PREFIX) && e.getValue() instanceof Number)
                .forEach(e ->
                        codes.put(e.getKey().substring(CODE_PREFIX.length()), ((Number) e.getValue()).longValue()));
    }

    @Override
    public void update(ExecutionContext context) {
        codes.forEach((code, count) -> context.putLong(CODE_PREFIX + code, count));
    }

    @Override
    public void afterWrite(Chunk<? extends ItemOutcome> items) {
        for (ItemOutcome outcome : items) {
            if (outcome instanceof ItemOutcome.DeadLettered dead) {
                codes.merge(dead.code(), 1L, Long::sum);
            } else {
                written++;
            }
        }
        if (maxRatio >= 1 || System.nanoTime() - lastCheck < CHECK_INTERVAL_NANOS) {
            return;
        }
        lastCheck = System.nanoTime();
        check();
    }

    /** Adds up every slice's last committed checkpoint, this one's current chunk included. */
    private void check() {
        long ownDead = codes.values().stream().mapToLong(Long::longValue).sum();
        verify(
                jobRepository,
                stepExecution.getJobExecution().getJobInstance(),
                stepExecution.getStepName(),
                codes,
                written + ownDead,
                ownDead,
                maxRatio);
    }

    /**
     * Throws {@link ExceededException} when the run's dead-letters exceed {@code maxRatio} of its items: every slice's
     * last checkpoint (any execution) except {@code ownStep}, plus {@code ownDone} / {@code ownDead} / {@code ownCodes}.
     */
    static void verify(
            JobRepository jobRepository,
            JobInstance instance,
            String ownStep,
            Map<String, Long> ownCodes,
            long ownDone,
            long ownDead,
            double maxRatio) {
        if (maxRatio >= 1) {
            return;
        }
        Map<String, StepExecution> latest = new HashMap<>();
        for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStepName().startsWith(RunJobFactory.WORKER_STEP + ":")
                        && !step.getStepName().equals(ownStep)) {
                    latest.merge(step.getStepName(), step, (a, b) -> a.getId() > b.getId() ? a : b);
                }
            }
        }
        long done = ownDone;
        long dead = ownDead;
        Map<String, Long> byCode = new TreeMap<>(ownCodes);
        for (StepExecution step : latest.values()) {
            ExecutionContext context = step.getExecutionContext();
            done += context.getLong(SliceCounters.WRITTEN, 0L) + context.getLong(SliceCounters.DEAD_LETTERED, 0L);
            dead += context.getLong(SliceCounters.DEAD_LETTERED, 0L);
            context.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(CODE_PREFIX) && e.getValue() instanceof Number)
                    .forEach(e -> byCode.merge(
                            e.getKey().substring(CODE_PREFIX.length()),
                            ((Number) e.getValue()).longValue(),
                            Long::sum));
        }
        if (done >= MIN_ITEMS && (double) dead / done > maxRatio) {
            String top = byCode.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(3)
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            throw new ExceededException(String.format(
                    Locale.ROOT,
                    "%d of %d items (%.0f%%) were dead-lettered, more than "
                            + "--max-dead-letter-ratio %s allows; top codes: %s. Fix the cause and restart the run (restart "
                            + "--max-dead-letter-ratio R to tolerate more), or reprocess --from-dead-letter afterwards",
                    dead,
                    done,
                    100.0 * dead / done,
                    maxRatio,
                    top));
        }
    }

    /**
     * The manager's check once every slice has ended: slices that checked at the same moment near the end of a run
     * cannot let it pass unnoticed.
     */
    public static Tasklet finalCheck(JobRepository jobRepository, double configured) {
        return (contribution, chunkContext) -> {
            StepExecution step = chunkContext.getStepContext().getStepExecution();
            double maxRatio = ratio(RunParameters.from(step.getJobParameters()), configured);
            verify(
                    jobRepository,
                    step.getJobExecution().getJobInstance(),
                    step.getStepName(),
                    Map.of(),
                    0,
                    0,
                    maxRatio);
            return RepeatStatus.FINISHED;
        };
    }

    /** The run dead-lettered more than its threshold allows: it fails, restartable. */
    public static final class ExceededException extends RuntimeException {
        ExceededException(String message) {
            super(message);
        }
    }
}
