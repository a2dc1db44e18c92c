package io.aibatch.jobs.audio;

import io.aibatch.audio.AudioDecoder;
import io.aibatch.runtime.AibatchAutoConfiguration;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.EngineFactories;
import io.aibatch.runtime.RunJobFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@AutoConfiguration(after = AibatchAutoConfiguration.class)
@org.springframework.boot.context.properties.EnableConfigurationProperties(AudioTranscriptionProperties.class)
public class AudioTranscriptionConfiguration {

    @Bean(destroyMethod = "close")
    TranscriptionEngines transcriptionEngines(AibatchProperties properties, EngineFactories engineFactories) {
        return new TranscriptionEngines(properties.transcription(), engineFactories);
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
    AudioTranscriptionPipeline audioTranscriptionPipeline(
            AibatchProperties properties,
            AudioTranscriptionProperties audio,
            TranscriptionEngines transcriptionEngines,
            @Qualifier("audioExecutor") ThreadPoolTaskExecutor audioExecutor,
            BackendExecutors backendExecutors) {
        return new AudioTranscriptionPipeline(
                properties.transcription(),
                new AudioDecoder(audio.limits()),
                transcriptionEngines,
                audioExecutor,
                backendExecutors);
    }

    @Bean
    Job audioTranscriptionJob(RunJobFactory jobs) {
        return jobs.create(AudioTranscriptionPipeline.JOB);
    }
}
