/**
 * The shipped openai-batch job: each line of OpenAI Batch input files ({@code {custom_id, method, url, body}}) sent to
 * an OpenAI-compatible endpoint, the replies written in the Batch output format.
 */
@NullMarked
package io.aibatch.jobs.openaibatch;

import org.jspecify.annotations.NullMarked;
