package io.aibatch.simulator.batch;

import io.aibatch.simulator.config.BatchConfig;
import io.aibatch.simulator.http.Json;
import io.aibatch.simulator.llm.AzureOpenAiHandler.LineAnswer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Files and batches, and the lifecycle that moves batches on: validating (the input file's checks) → in_progress
 * (for the configured processing time) → finalizing → completed, or failed, cancelling → cancelled, expired. Each
 * line is answered by the simulated chat endpoint; the output and error files list lines in a seeded shuffle of the
 * input order, never in input order, as the service documents. A cancelled or expired batch keeps the lines finished
 * by then (in proportion to the time spent in_progress) and reports the rest in its error file.
 */
public final class BatchService {

    /** A refusal in the spec's ErrorResponse shape. */
    public record Refusal(int status, String code, String message) {}

    /** Either a batch or the reason it was not created. */
    public record Created(@Nullable BatchJob job, @Nullable Refusal refusal) {}

    private final BatchConfig config;
    private final ScheduledExecutorService scheduler;
    private final Function<JsonNode, LineAnswer> answerer;
    private final long seed;
    private final FileStore files = new FileStore();
    private final Map<String, BatchJob> batches = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "simulator-batch");
        t.setDaemon(true);
        return t;
    });

    public BatchService(
            BatchConfig config,
            ScheduledExecutorService scheduler,
            Function<JsonNode, LineAnswer> answerer,
            long seed) {
        this.config = config;
        this.scheduler = scheduler;
        this.answerer = answerer;
        this.seed = seed;
    }

    BatchConfig config() {
        return config;
    }

    static long nowMillis() {
        return System.currentTimeMillis();
    }

    private static long nowSeconds() {
        return nowMillis() / 1000;
    }

    StoredFile upload(String filename, String purpose, byte[] content) {
        return files.add(filename, purpose, content, nowMillis(), config.fileProcessingMs());
    }

    FileStore files() {
        return files;
    }

    /** Every file ever uploaded or written, deleted ones included, with content: {@code GET /_sim/files}. */
    public ObjectNode adminFiles() {
        ObjectNode n = Json.object();
        n.put("object", "list");
        var data = n.putArray("data");
        long now = nowMillis();
        for (StoredFile f : files.all()) {
            data.add(f.adminJson(now));
        }
        return n;
    }

    /** Sum of the input tokens of every batch not yet in a terminal state. */
    synchronized long enqueuedTokens() {
        long sum = 0;
        for (BatchJob b : batches.values()) {
            synchronized (b) {
                if (!b.terminal()) {
                    sum += b.enqueuedTokens;
                }
            }
        }
        return sum;
    }

    synchronized Created create(
            String inputFileId, String endpoint, String completionWindow, @Nullable Map<String, String> metadata) {
        StoredFile input = files.live(inputFileId);
        if (input == null) {
            return refused(404, "notFound", "File with id " + inputFileId + " was not found.");
        }
        if (!"batch".equals(input.purpose())) {
            return refused(
                    400, "invalidPayload", "The input file must have purpose 'batch', not '" + input.purpose() + "'.");
        }
        if (!input.processed(nowMillis())) {
            return refused(400, "invalidPayload", "The input file " + inputFileId + " is not processed yet.");
        }
        if (!"/chat/completions".equals(endpoint)) {
            return refused(
                    400, "invalidPayload", "The endpoint '" + endpoint + "' is not supported; use /chat/completions.");
        }
        if (!"24h".equals(completionWindow)) {
            return refused(400, "invalidPayload", "The completion_window must be '24h'.");
        }
        long tokens = InputFile.enqueuedTokens(input.content());
        long limit = config.enqueuedTokenLimit();
        if (limit > 0 && enqueuedTokens() + tokens > limit) {
            // what fail-fast regions answer (the docs' samples retry on this code with exponential back-off)
            return refused(
                    400,
                    "token_limit_exceeded",
                    "Enqueued token limit reached for this deployment: " + enqueuedTokens()
                            + " tokens are enqueued, this"
                            + " batch needs " + tokens + " and the limit is " + limit
                            + ". Please wait for running jobs to finish and try again.");
        }
        String id = "batch_" + UUID.randomUUID().toString().replace("-", "");
        BatchJob job = new BatchJob(id, inputFileId, endpoint, completionWindow, metadata, nowSeconds(), tokens);
        batches.put(id, job);
        byte[] content = input.content();
        synchronized (job) {
            job.next = later(() -> validate(job, content), config.validatingMs());
        }
        if (config.expireAfterSeconds() > 0) {
            later(() -> expire(job), (long) (config.expireAfterSeconds() * 1000));
        }
        return new Created(job, null);
    }

    private static Created refused(int status, String code, String message) {
        return new Created(null, new Refusal(status, code, message));
    }

    synchronized @Nullable BatchJob get(String id) {
        return batches.get(id);
    }

    /** Newest first, as the service lists them. */
    synchronized List<BatchJob> list() {
        List<BatchJob> all = new ArrayList<>(batches.values());
        Collections.reverse(all);
        return all;
    }

    /** Null when the batch may be cancelled (it now is), otherwise why not. */
    @Nullable
    Refusal cancel(BatchJob job) {
        synchronized (job) {
            if (job.terminal() || job.status.equals(BatchJob.CANCELLING)) {
                return new Refusal(
                        409,
                        "unexpectedEntityState",
                        "Batch " + job.id + " cannot be cancelled because it is " + job.status + ".");
            }
            job.doneAtCancel = done(job);
            job.status = BatchJob.CANCELLING;
            job.cancellingAt = nowSeconds();
            cancelNext(job);
            job.next = later(() -> finishCancel(job), config.cancellingMs());
            return null;
        }
    }

    /** {@code POST /_sim/batches/{id}/expire}: what the 24 h window would do to a batch still running. */
    public boolean expireNow(String id) {
        BatchJob job = get(id);
        if (job == null) {
            return false;
        }
        expire(job);
        return true;
    }

    public synchronized void clear() {
        for (BatchJob b : batches.values()) {
            synchronized (b) {
                cancelNext(b);
            }
        }
        batches.clear();
        files.clear();
    }

    private void validate(BatchJob job, byte[] content) {
        synchronized (job) {
            if (!job.status.equals(BatchJob.VALIDATING)) {
                return;
            }
        }
        // the checks and the answers take a while for a big file: outside the lock, so reads of the batch go on
        InputFile input = InputFile.check(content, job.endpoint, config.maxRequestsPerFile());
        List<BatchJob.Result> results = new ArrayList<>();
        if (input.problems().isEmpty()) {
            for (InputFile.Line line : input.lines()) {
                LineAnswer a = answerer.apply(line.body());
                results.add(new BatchJob.Result(line.customId(), a.status(), a.body()));
            }
        }
        synchronized (job) {
            if (!job.status.equals(BatchJob.VALIDATING)) {
                return; // cancelled or expired meanwhile
            }
            if (!input.problems().isEmpty()) {
                job.errors = input.problems();
                job.status = BatchJob.FAILED;
                job.failedAt = nowSeconds();
                return;
            }
            job.results = processingOrder(results, job.id);
            job.total = results.size();
            job.status = BatchJob.IN_PROGRESS;
            job.inProgressAt = nowSeconds();
            job.inProgressStartedMillis = nowMillis();
            job.next = later(() -> finalizing(job), (long) (config.processingSeconds() * 1000));
        }
    }

    /** A seeded shuffle that is never the input order (for two or more lines): clients must match on custom_id. */
    private List<BatchJob.Result> processingOrder(List<BatchJob.Result> inInputOrder, String batchId) {
        List<BatchJob.Result> order = new ArrayList<>(inInputOrder);
        Collections.shuffle(order, new Random(seed ^ batchId.hashCode()));
        if (order.size() >= 2 && order.equals(inInputOrder)) {
            Collections.rotate(order, 1);
        }
        return List.copyOf(order);
    }

    private void finalizing(BatchJob job) {
        synchronized (job) {
            if (!job.status.equals(BatchJob.IN_PROGRESS)) {
                return;
            }
            job.status = BatchJob.FINALIZING;
            job.finalizingAt = nowSeconds();
            job.next = later(() -> complete(job), config.finalizingMs());
        }
    }

    private void complete(BatchJob job) {
        synchronized (job) {
            if (!job.status.equals(BatchJob.FINALIZING)) {
                return;
            }
            writeResults(job, job.total, "");
            job.status = BatchJob.COMPLETED;
            job.completedAt = nowSeconds();
        }
    }

    private void finishCancel(BatchJob job) {
        synchronized (job) {
            if (!job.status.equals(BatchJob.CANCELLING)) {
                return;
            }
            if (job.results != null) {
                writeResults(job, job.doneAtCancel, "batch_cancelled");
            }
            job.status = BatchJob.CANCELLED;
            job.cancelledAt = nowSeconds();
        }
    }

    private void expire(BatchJob job) {
        synchronized (job) {
            if (job.terminal() || job.status.equals(BatchJob.CANCELLING)) {
                return;
            }
            int done = done(job);
            cancelNext(job);
            if (job.results != null) {
                writeResults(job, done, "batch_expired");
            }
            job.status = BatchJob.EXPIRED;
            job.expiredAt = nowSeconds();
        }
    }

    /** Lines finished so far: in proportion to the time spent in_progress; all once finalizing. */
    private int done(BatchJob job) {
        if (job.results == null) {
            return 0;
        }
        if (!job.status.equals(BatchJob.IN_PROGRESS)) {
            return job.total;
        }
        double processingMs = config.processingSeconds() * 1000;
        if (processingMs <= 0) {
            return job.total;
        }
        double share = (nowMillis() - job.inProgressStartedMillis) / processingMs;
        return (int) Math.min(job.total, Math.floor(job.total * Math.max(0, share)));
    }

    /**
     * Runs a transition after a delay on the batch worker, not on the shared scheduler: checking and answering a file
     * of 100,000 lines must not hold up the other backends' simulated service times.
     */
    private ScheduledFuture<?> later(Runnable transition, long delayMs) {
        return scheduler.schedule(
                () -> {
                    try {
                        worker.execute(transition);
                    } catch (RejectedExecutionException closing) {
                        // the simulator is closing
                    }
                },
                delayMs,
                TimeUnit.MILLISECONDS);
    }

    /** Stops the batch worker (the simulator is closing). */
    public void close() {
        worker.shutdownNow();
    }

    private static void cancelNext(BatchJob job) {
        if (job.next != null) {
            job.next.cancel(false);
            job.next = null;
        }
    }

    /**
     * The output file (lines answered 200) and the error file (lines answered with an error, then lines never run,
     * with {@code unfinishedCode}). Both always exist; a batch without failures has a 0-byte error file.
     */
    private void writeResults(BatchJob job, int done, String unfinishedCode) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int completed = 0;
        int failed = 0;
        List<BatchJob.Result> results = job.results == null ? List.of() : job.results;
        for (int i = 0; i < results.size(); i++) {
            BatchJob.Result r = results.get(i);
            ObjectNode line = Json.object();
            line.put("id", "batch_req_" + UUID.randomUUID().toString().replace("-", ""));
            line.put("custom_id", r.customId());
            if (i < done) {
                ObjectNode response = line.putObject("response");
                response.put("status_code", r.status());
                response.put("request_id", UUID.randomUUID().toString());
                response.set("body", r.body());
                line.putNull("error");
            } else {
                line.putNull("response");
                line.putObject("error")
                        .put("code", unfinishedCode)
                        .put(
                                "message",
                                "This request was not executed because the batch was "
                                        + (unfinishedCode.equals("batch_expired") ? "expired." : "cancelled."));
            }
            boolean success = i < done && r.status() == 200;
            ByteArrayOutputStream target = success ? output : errors;
            target.writeBytes(Json.bytes(line));
            target.write('\n');
            if (success) {
                completed++;
            } else {
                failed++;
            }
        }
        job.outputFileId = files.add(job.id + "_output.jsonl", "batch_output", output.toByteArray(), nowMillis(), 0)
                .id();
        job.errorFileId = files.add(job.id + "_error.jsonl", "batch_output", errors.toByteArray(), nowMillis(), 0)
                .id();
        job.completed = completed;
        job.failed = failed;
    }
}
