package io.aibatch.k8s;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one run's Indexed Job reports: which slices succeeded, which failed, how many pods are active.
 *
 * @param job              the Job
 * @param phase            running, failing, succeeded, failed, ...
 * @param completions      number of slices
 * @param succeededIndexes slices that succeeded (status.completedIndexes)
 * @param failedIndexes    slices that ran out of retries (status.failedIndexes)
 * @param activePods       pods running now
 * @param reason           reason of the deciding condition (e.g. FailedIndexes, DeadlineExceeded), or ""
 * @param message          message of the deciding condition, or ""
 */
public record IndexedJobStatus(
        JobRef job,
        JobPhase phase,
        int completions,
        SortedSet<Integer> succeededIndexes,
        SortedSet<Integer> failedIndexes,
        int activePods,
        String reason,
        String message) {

    public IndexedJobStatus {
        succeededIndexes = Collections.unmodifiableSortedSet(new TreeSet<>(succeededIndexes));
        failedIndexes = Collections.unmodifiableSortedSet(new TreeSet<>(failedIndexes));
    }

    /** Reads a Job as the API server returned it. */
    public static IndexedJobStatus of(Job job) {
        String runId = job.getMetadata().getLabels() == null
                ? "?"
                : job.getMetadata().getLabels().getOrDefault(AibatchLabels.RUN_ID, "?");
        JobRef ref =
                new JobRef(job.getMetadata().getNamespace(), job.getMetadata().getName(), runId);
        JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
        List<JobCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        int completions =
                job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();

        Optional<JobCondition> deciding =
                firstTrueCondition(conditions, "Complete", "Failed", "FailureTarget", "Suspended");
        JobPhase phase = deciding.map(condition -> switch (condition.getType()) {
                    case "Complete" -> JobPhase.SUCCEEDED;
                    case "Failed" -> JobPhase.FAILED;
                    case "FailureTarget" -> JobPhase.FAILING;
                    default -> JobPhase.SUSPENDED;
                })
                .orElse(Boolean.TRUE.equals(job.getSpec().getSuspend()) ? JobPhase.SUSPENDED : JobPhase.RUNNING);
        return new IndexedJobStatus(
                ref,
                phase,
                completions,
                IndexRanges.parse(status.getCompletedIndexes()),
                IndexRanges.parse(status.getFailedIndexes()),
                status.getActive() == null ? 0 : status.getActive(),
                deciding.map(JobCondition::getReason).orElse(""),
                deciding.map(JobCondition::getMessage).orElse(""));
    }

    /** The status of a Job that no longer exists. */
    public static IndexedJobStatus deleted(JobRef ref, IndexedJobStatus lastSeen) {
        return new IndexedJobStatus(
                ref,
                JobPhase.DELETED,
                lastSeen == null ? 0 : lastSeen.completions(),
                lastSeen == null ? new TreeSet<>() : lastSeen.succeededIndexes(),
                lastSeen == null ? new TreeSet<>() : lastSeen.failedIndexes(),
                0,
                "Deleted",
                "the Job was deleted (cancelled, or removed after ttlSecondsAfterFinished)");
    }

    public boolean isFinished() {
        return phase.isFinished();
    }

    /** Slices that have neither succeeded nor failed yet. */
    public SortedSet<Integer> unfinishedIndexes() {
        SortedSet<Integer> unfinished = new TreeSet<>();
        for (int index = 0; index < completions; index++) {
            if (!succeededIndexes.contains(index) && !failedIndexes.contains(index)) {
                unfinished.add(index);
            }
        }
        return unfinished;
    }

    /** One line for logs, e.g. "aibatch/doc-r1 (run r1): RUNNING, 5/8 slices succeeded, failed [3], 2 pods active". */
    public String summary() {
        StringBuilder line = new StringBuilder()
                .append(job)
                .append(": ")
                .append(phase)
                .append(", ")
                .append(succeededIndexes.size())
                .append('/')
                .append(completions)
                .append(" slices succeeded");
        if (!failedIndexes.isEmpty()) {
            line.append(", failed ").append(failedIndexes);
        }
        line.append(", ").append(activePods).append(" pods active");
        if (!reason.isEmpty()) {
            line.append(" (")
                    .append(reason)
                    .append(message.isEmpty() ? "" : ": " + message)
                    .append(')');
        }
        return line.toString();
    }

    /** The first of the given condition types (in the order given) whose status is True. */
    private static Optional<JobCondition> firstTrueCondition(List<JobCondition> conditions, String... typesByPriority) {
        for (String type : typesByPriority) {
            Optional<JobCondition> found = conditions.stream()
                    .filter(condition -> type.equals(condition.getType()) && "True".equals(condition.getStatus()))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
