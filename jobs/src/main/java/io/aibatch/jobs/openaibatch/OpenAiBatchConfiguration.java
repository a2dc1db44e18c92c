package io.aibatch.jobs.openaibatch;

import io.aibatch.routing.detect.IdentifierDetectors;
import io.aibatch.runtime.AibatchAutoConfiguration;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.BackendExecutors;
import io.aibatch.runtime.RunJobFactory;
import io.aibatch.store.Locations;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The openai-batch job's beans: its pipeline, and its Spring Batch job (plan → slices → report, plus the merged files). */
@AutoConfiguration(after = AibatchAutoConfiguration.class)
@EnableConfigurationProperties(OpenAiBatchProperties.class)
public class OpenAiBatchConfiguration {

    @Bean
    OpenAiBatchPipeline openAiBatchPipeline(
            AibatchProperties properties, OpenAiBatchProperties job, BackendExecutors backendExecutors) {
        AibatchProperties.Restricted restricted = properties.restricted();
        Map<String, String> patterns = new LinkedHashMap<>();
        restricted.patterns().forEach(pattern -> patterns.put(pattern.name(), pattern.regex()));
        return new OpenAiBatchPipeline(
                properties,
                job.maxLineSize().toBytes(),
                backendExecutors,
                IdentifierDetectors.of(restricted.detectors(), restricted.legacyTfn(), patterns));
    }

    @Bean
    Job openAiBatchJob(RunJobFactory jobs, AibatchProperties properties) {
        Job job = jobs.create(OpenAiBatchDefinition.NAME);
        // after-job listeners run in reverse order: the merged files are written before the report
        ((AbstractJob) job)
                .registerJobExecutionListener(new BatchOutputFiles(run ->
                        Locations.jsonlLines(run.input(), properties.source().options(run.sourceFilter()))));
        return job;
    }
}
