package io.aibatch.runtime;

import io.aibatch.resilience.BackendConfigurationException;
import io.aibatch.resilience.BackendUnavailableException;
import java.util.Optional;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Why a run failed, in one line, wherever its slices ran. A slice that fails for a reason the operator must act on
 * records it as its exit status (code and a one-line description) in the job repository, so the manager finds it
 * for threads, processes and pods alike, and the command exits with the right code: 78 for a configuration the
 * backend refuses, 1 for the dead-letter threshold and for a backend that stayed down (restartable).
 */
public final class RunFailures implements StepExecutionListener {

    /** A backend refused the run's configuration (exit 78). */
    public static final String CONFIGURATION_ERROR = "CONFIGURATION_ERROR";
    /** The plan found the input unusable as a whole, e.g. duplicate ids (exit 65). */
    public static final String INPUT_UNUSABLE = "INPUT_UNUSABLE";
    /** Too large a share of the run's items was dead-lettered (exit 1). */
    public static final String DEAD_LETTER_THRESHOLD = "DEAD_LETTER_THRESHOLD";
    /** A backend stayed down longer than its max-outage, or its calls were abandoned (exit 1; restart continues). */
    public static final String BACKEND_UNAVAILABLE = "BACKEND_UNAVAILABLE";

    static final String REASON = "aibatch.failureReason";

    /** One reason a run failed: the exit code it means and a line for the operator. */
    public record Reason(int exitCode, String message) {}

    private final EngineFactories engines;

    /** @param engines the engine factories, whose hints say what to check when a backend refuses the configuration */
    public RunFailures(EngineFactories engines) {
        this.engines = engines;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        for (Throwable failure : stepExecution.getFailureExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof BackendConfigurationException configuration) {
                    return record(stepExecution, CONFIGURATION_ERROR, describe(configuration));
                }
                if (t instanceof InputUnusableException unusable) {
                    return record(stepExecution, INPUT_UNUSABLE, unusable.getMessage());
                }
                if (t instanceof DeadLetterThreshold.ExceededException exceeded) {
                    return record(stepExecution, DEAD_LETTER_THRESHOLD, exceeded.getMessage());
                }
                if (t instanceof BackendUnavailableException unavailable) {
                    return record(stepExecution, BACKEND_UNAVAILABLE, unavailable.getMessage());
                }
            }
        }
        return stepExecution.getExitStatus();
    }

    /**
     * The exit code marks the step (Spring Batch joins it with the step's own, and a custom code outranks FAILED);
     * the one-line reason goes into the step's context, since the exit description also gets the stack trace.
     */
    private static ExitStatus record(StepExecution stepExecution, String code, String reason) {
        stepExecution.getExecutionContext().putString(REASON, reason);
        return new ExitStatus(code, reason);
    }

    /** The reason recorded by any step of {@code execution} (reloaded, so that other processes' slices count). */
    public static Optional<Reason> of(JobExecution execution, JobRepository repository) {
        JobExecution fresh = repository.getJobExecution(execution.getId());
        return recordedIn(fresh == null ? execution : fresh);
    }

    /** The reason recorded by any step of {@code execution} as loaded (e.g. read back by {@code status}). */
    public static Optional<Reason> recordedIn(JobExecution execution) {
        Optional<Reason> failed = Optional.empty(); // exit 1: the first slice's reason, unless one means 65 or 78
        for (StepExecution step : execution.getStepExecutions()) {
            // the partition step aggregates its slices' codes, with its own stack trace as the description: the
            // slices (and the final dead-letter check) carry the one-line reason
            if (!step.getStepName().startsWith(RunJobFactory.WORKER_STEP + ":")
                    && !step.getStepName().equals(RunJobFactory.DEAD_LETTER_CHECK_STEP)
                    && !step.getStepName().equals(RunJobFactory.PLAN_STEP)) {
                continue;
            }
            String code = step.getExitStatus().getExitCode();
            if (code.equals(INPUT_UNUSABLE)) {
                return Optional.of(new Reason(ExitCodes.INPUT_UNUSABLE, reason(step)));
            }
            if (code.equals(CONFIGURATION_ERROR)) {
                return Optional.of(new Reason(ExitCodes.CONFIGURATION, reason(step)));
            }
            if ((code.equals(DEAD_LETTER_THRESHOLD) || code.equals(BACKEND_UNAVAILABLE)) && failed.isEmpty()) {
                failed = Optional.of(new Reason(ExitCodes.FAILED, reason(step)));
            }
        }
        return failed;
    }

    private static String reason(StepExecution step) {
        String reason = step.getExecutionContext().getString(REASON, "");
        return reason.isEmpty()
                ? step.getExitStatus().getExitDescription().lines().findFirst().orElse("")
                : reason;
    }

    /** Endpoint and status or cause come from the client's message; what to check from the backend's engine factory. */
    String describe(BackendConfigurationException e) {
        return "configuration error: " + e.getMessage() + "; check " + settingFor(e.backend());
    }

    /** The configuration hint of the engine factory that made {@code backend} (e.g. {@code kaito/phi-4-mini}). */
    String settingFor(String backend) {
        return engines.configurationHint(backend).orElse("the endpoint and credentials of backend " + backend);
    }
}
