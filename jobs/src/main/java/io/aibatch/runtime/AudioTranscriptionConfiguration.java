package io.aibatch.runtime;

import io.aibatch.audio.AudioDecoder;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class AudioTranscriptionConfiguration {

    @Bean(destroyMethod = "close")
    TranscriptionEngines transcriptionEngines(AibatchProperties properties) {
        return new TranscriptionEngines(properties.transcription());
    }

    /** Reading and converting audio (the engines themselves are asynchronous and hold no thread). */
    @Bean
    ThreadPoolTaskExecutor audioExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setThreadNamePrefix("audio-");
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }

    @Bean
    AudioTranscriptionPipeline audioTranscriptionPipeline(AibatchProperties properties, TranscriptionEngines transcriptionEngines,
                                                          @Qualifier("audioExecutor") ThreadPoolTaskExecutor audioExecutor,
                                                          BackendExecutors backendExecutors) {
        return new AudioTranscriptionPipeline(new AudioDecoder(properties.audio().limits()), transcriptionEngines, audioExecutor,
                backendExecutors);
    }

    @Bean
    Job audioTranscriptionJob(RunJobFactory jobs) {
        return jobs.create(AudioTranscriptionPipeline.JOB);
    }
}
