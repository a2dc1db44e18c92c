package io.aibatch.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * SIGTERM (Kubernetes eviction, Ctrl-C, spot preemption) stops the running job after the current
 * chunk of every slice: the execution ends STOPPED, its report is written, and {@code restart}
 * continues it. The JVM exits non-zero (143), so Kubernetes treats the pod as failed and retries it.
 */
public final class GracefulShutdown implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Duration grace;
    private final Runnable abandonPausedCalls;
    private final ThreadLocal<Registration> current = new ThreadLocal<>();

    public GracefulShutdown(JobOperator jobOperator, JobRepository jobRepository, Duration grace) {
        this(jobOperator, jobRepository, grace, () -> {});
    }

    /** @param abandonPausedCalls makes calls paused by an open breaker give up, so steps stop within the grace period */
    public GracefulShutdown(
            JobOperator jobOperator, JobRepository jobRepository, Duration grace, Runnable abandonPausedCalls) {
        this.abandonPausedCalls = abandonPausedCalls;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.grace = grace;
    }

    private record Registration(Thread hook, CountDownLatch ended) {}

    @Override
    public void beforeJob(JobExecution jobExecution) {
        CountDownLatch ended = new CountDownLatch(1);
        Thread hook = new Thread(() -> stop(jobExecution.getId(), ended), "graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        current.set(new Registration(hook, ended));
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        Registration registration = current.get();
        current.remove();
        if (registration == null) {
            return;
        }
        registration.ended().countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(registration.hook());
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running and waits for this very moment
        }
    }

    private void stop(long executionId, CountDownLatch ended) {
        log.warn(
                "shutdown signal: stopping job execution {} after the current chunk (grace {} s)",
                executionId,
                grace.toSeconds());
        try {
            JobExecution fresh = jobRepository.getJobExecution(executionId);
            if (fresh != null && fresh.isRunning()) {
                jobOperator.stop(fresh);
            }
            // a slice whose items wait for a backend that is down would not reach its next chunk boundary for up to
            // max-outage: the waiting calls are given up (the slice fails, restartable, nothing is dead-lettered)
            abandonPausedCalls.run();
            if (!ended.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "job execution {} did not stop within {} s; exiting anyway (restart recovers it)",
                        executionId,
                        grace.toSeconds());
            }
        } catch (Exception e) {
            log.warn("could not stop job execution {} cleanly: {}", executionId, e.toString());
        }
    }
}
