package io.aibatch.runtime;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Shared by every job: the HTTP client, the I/O pool for downloads, the timer for retries and polling, the backends. */
@Configuration(proxyBeanMethods = false)
public class RunInfrastructureConfiguration {

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

    @Bean
    BackendExecutors backendExecutors(AibatchProperties properties, ScheduledExecutorService backendScheduler) {
        return new BackendExecutors(properties.backends(), backendScheduler);
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
