/**
 * Azure OpenAI Batch and Files APIs (authoring data plane, api-version 2024-10-21 and 2025-04-01-preview): uploaded
 * JSONL files, batches that go validating → in_progress → finalizing → completed on the simulator's scheduler, and
 * output and error files answered line by line the way the simulated chat endpoint answers.
 */
@NullMarked
package io.aibatch.simulator.batch;

import org.jspecify.annotations.NullMarked;
