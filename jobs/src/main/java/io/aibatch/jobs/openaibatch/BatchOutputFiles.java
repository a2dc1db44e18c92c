package io.aibatch.jobs.openaibatch;

import io.aibatch.item.WorkItem;
import io.aibatch.json.Json;
import io.aibatch.pipeline.DeadLetterRecord;
import io.aibatch.runtime.RunParameters;
import io.aibatch.sink.ChunkOutputWriter;
import io.aibatch.source.ItemSource;
import io.aibatch.store.Locations;
import io.aibatch.store.OutputStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * At the end of a completed run: {@code output.jsonl} is every committed result chunk concatenated, and
 * {@code errors.jsonl} one Batch error line per dead-letter, both in input order (chunk files are named by slice and
 * first line, so their sorted order is the input's), so that tools reading Batch output files read these unchanged.
 * A run that did not complete gets neither: its chunks are not all there yet. Both files are streamed, never held.
 * <p>
 * An error line is rebuilt from the dead-letter record and the request line (for its custom_id): a reply of the
 * server ({@code http-<status>}) becomes {@code response: {status_code, request_id, body: {error: {message, code}}}},
 * any other failure {@code error: {code, message}}. A line without a custom_id (malformed) cannot be matched to a
 * request by anyone, so it is only in {@code dead-letter/}.
 */
final class BatchOutputFiles implements JobExecutionListener {

    static final String OUTPUT = "output.jsonl";
    static final String ERRORS = "errors.jsonl";

    private static final Logger log = LoggerFactory.getLogger(BatchOutputFiles.class);

    private final Function<RunParameters, ItemSource> lines;

    /** @param lines the run's request lines (to read the custom_ids of dead-lettered lines) */
    BatchOutputFiles(Function<RunParameters, ItemSource> lines) {
        this.lines = lines;
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        if (jobExecution.getStatus() != BatchStatus.COMPLETED) {
            return;
        }
        RunParameters run = RunParameters.from(jobExecution.getJobParameters());
        try {
            OutputStore store = Locations.output(run.files());
            long outputLines = concatenate(store);
            long errorLines = errors(store, lines.apply(run));
            log.info(
                    "{} lines in {}/{}, {} in {}/{}",
                    outputLines,
                    run.files(),
                    OUTPUT,
                    errorLines,
                    run.files(),
                    ERRORS);
        } catch (IOException | RuntimeException e) {
            // the results are all in results/ and dead-letter/: the run completed, only the merged copies are missing
            log.error("could not write {} and {} of run {} to {}", OUTPUT, ERRORS, run.runId(), run.files(), e);
            jobExecution.setStatus(BatchStatus.FAILED);
            jobExecution.setExitStatus(jobExecution.getExitStatus().addExitDescription(e));
        }
    }

    private static long concatenate(OutputStore store) throws IOException {
        long count = 0;
        try (OutputStream out = store.create(OUTPUT)) {
            for (String chunk : store.list(ChunkOutputWriter.RESULTS)) {
                try (InputStream in = store.open(ChunkOutputWriter.RESULTS + "/" + chunk, 0)) {
                    byte[] bytes = in.readAllBytes();
                    out.write(bytes);
                    for (byte b : bytes) {
                        count += b == '\n' ? 1 : 0;
                    }
                }
            }
        }
        return count;
    }

    private static long errors(OutputStore store, ItemSource requests) throws IOException {
        long count = 0;
        try (OutputStream out = store.create(ERRORS)) {
            for (String chunk : store.list(ChunkOutputWriter.DEAD_LETTER)) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(
                        store.open(ChunkOutputWriter.DEAD_LETTER + "/" + chunk, 0), StandardCharsets.UTF_8))) {
                    String json;
                    while ((json = in.readLine()) != null) {
                        if (json.isBlank()) {
                            continue;
                        }
                        DeadLetterRecord record = Json.MAPPER.readValue(json, DeadLetterRecord.class);
                        String customId = customId(requests, record);
                        if (customId != null) {
                            out.write(Json.MAPPER.writeValueAsBytes(errorLine(record, customId)));
                            out.write('\n');
                            count++;
                        }
                    }
                }
            }
        }
        return count;
    }

    static BatchOutputLine errorLine(DeadLetterRecord record, String customId) {
        BatchOutputLine.Response response = null;
        BatchOutputLine.Error error = null;
        if (record.code().matches("http-\\d{3}")) {
            int status = Integer.parseInt(record.code().substring(5));
            ObjectNode body = Json.MAPPER.createObjectNode();
            ObjectNode detail = body.putObject("error");
            detail.put("message", record.reason());
            detail.put("code", status);
            response = new BatchOutputLine.Response(status, "req_" + record.id(), body);
        } else {
            error = new BatchOutputLine.Error(record.code(), record.reason());
        }
        return new BatchOutputLine(
                record.id(),
                record.source(),
                record.name(),
                customId,
                response,
                error,
                java.util.List.of(),
                java.util.List.of());
    }

    /** The custom_id of the dead-lettered line, or null when the line has none (or is not JSON). */
    private static String customId(ItemSource requests, DeadLetterRecord record) {
        WorkItem item = new WorkItem(record.id(), record.source(), record.name(), record.size(), null, null);
        try (InputStream in = requests.open(item)) {
            JsonNode line = Json.MAPPER.readTree(in.readAllBytes());
            JsonNode customId = line.path("custom_id");
            return customId.isString() && !customId.asString().isEmpty() ? customId.asString() : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
