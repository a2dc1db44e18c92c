package io.aibatch.jobs.openaibatch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code openai-batch} job's own settings, under its prefix {@value #PREFIX}.
 *
 * @param maxLineSize the largest request line the job reads; a longer one is dead-lettered {@code too-large} without
 *                    being read whole (one crafted line of hundreds of megabytes would otherwise exhaust the heap of
 *                    the plan and of the slice that reads it). The default leaves room for requests with inline
 *                    images (the OpenAI API takes images of up to 20 MB, base64 makes them a third larger)
 */
@ConfigurationProperties(OpenAiBatchProperties.PREFIX)
public record OpenAiBatchProperties(@DefaultValue("32MB") DataSize maxLineSize) {

    public static final String PREFIX = "aibatch.openai-batch";
}
