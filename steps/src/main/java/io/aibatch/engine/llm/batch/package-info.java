/**
 * The Azure OpenAI Batch API as steps a pipeline can take one at a time and resume after a restart: write chat
 * requests as JSONL files within the per-file limits, upload, wait until processed, create the batch (backing off on
 * the enqueued-token quota), poll, download and map results back by custom_id, delete files, cancel, and find the batch
 * created from a given input file.
 */
@NullMarked
package io.aibatch.engine.llm.batch;

import org.jspecify.annotations.NullMarked;
