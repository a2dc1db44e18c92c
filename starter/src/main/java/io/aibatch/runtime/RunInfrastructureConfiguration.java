package io.aibatch.runtime;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Shared by every job: the HTTP client, the I/O pool for downloads, the timer for retries and polling, the backends. */
@Configuration(proxyBeanMethods = false)
public class RunInfrastructureConfiguration {

    /** The property the partition handlers set (as {@code AIBATCH_WORKER_JVMS}) on each worker JVM they start. */
    public static final String WORKER_JVMS = "aibatch.worker-jvms";
    /** {@link #WORKER_JVMS} as an environment variable. */
    public static final String WORKER_JVMS_ENV = io.aibatch.k8s.AibatchLabels.WORKER_JVMS_ENV;

    @Bean
    HttpClient httpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Blocking downloads from the source; sized for I/O, not for CPU. */
    @Bean
    ThreadPoolTaskExecutor ioExecutor(AibatchProperties properties) {
        return daemonPool("io-", properties.ioThreads());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService backendScheduler() {
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "backend-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * {@code aibatch.worker-jvms} is set by the partition handler that starts this JVM as one of the run's workers
     * (environment variable {@code AIBATCH_WORKER_JVMS}: the processes handler's process count, the Indexed Job's
     * parallelism); 1 otherwise. The backends' rate caps are divided by it.
     */
    @Bean
    BackendExecutors backendExecutors(
            AibatchProperties properties,
            ScheduledExecutorService backendScheduler,
            @Value("${" + WORKER_JVMS + ":1}") int workerJvms) {
        return new BackendExecutors(properties.backends(), backendScheduler, workerJvms);
    }

    public static ThreadPoolTaskExecutor daemonPool(String prefix, int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setThreadNamePrefix(prefix);
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }
}
