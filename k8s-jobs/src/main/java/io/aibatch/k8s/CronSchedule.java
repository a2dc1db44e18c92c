package io.aibatch.k8s;

/**
 * When and how a run's manager is started on a schedule.
 *
 * @param name                       CronJob name (DNS-1123 label, at most 52 characters: Kubernetes appends a suffix)
 * @param namespace                  namespace of the CronJob
 * @param schedule                   cron expression, e.g. "0 2 * * *", or a macro like "@daily"
 * @param timeZone                   IANA time zone of the schedule, e.g. "Etc/UTC"
 * @param startingDeadlineSeconds    a run missed by more than this (controller down) is skipped
 * @param successfulJobsHistoryLimit finished manager Jobs kept after success
 * @param failedJobsHistoryLimit     finished manager Jobs kept after failure
 * @param managerBackoffLimit        restarts of a failed manager pod; a restarted manager re-attaches to its run's Job
 */
public record CronSchedule(
        String name,
        String namespace,
        String schedule,
        String timeZone,
        long startingDeadlineSeconds,
        int successfulJobsHistoryLimit,
        int failedJobsHistoryLimit,
        int managerBackoffLimit) {

    /** CronJob names are at most 52 characters: the controller appends an 11-character suffix to each Job. */
    public static final int MAX_NAME_LENGTH = 52;

    public CronSchedule {
        if (name == null || !name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("CronJob name '" + name + "' must be a DNS-1123 label of at most "
                    + MAX_NAME_LENGTH + " characters");
        }
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException(
                    "namespace is empty: name the namespace the CronJob goes to, e.g. aibatch");
        }
        if (schedule == null || !(schedule.startsWith("@") || schedule.trim().split("\\s+").length == 5)) {
            throw new IllegalArgumentException("schedule '" + schedule
                    + "' is not a 5-field cron expression (e.g. \"0 2 * * *\") or a macro like @daily");
        }
        if (timeZone == null || timeZone.isBlank()) {
            throw new IllegalArgumentException("timeZone is empty: give an IANA zone such as Etc/UTC or Europe/Paris");
        }
        if (startingDeadlineSeconds < 10) {
            throw new IllegalArgumentException("startingDeadlineSeconds is " + startingDeadlineSeconds
                    + ": below 10 s the CronJob controller may never start the Job");
        }
        if (successfulJobsHistoryLimit < 0 || failedJobsHistoryLimit < 0 || managerBackoffLimit < 0) {
            throw new IllegalArgumentException("history limits and managerBackoffLimit must be 0 or more; got "
                    + successfulJobsHistoryLimit + ", " + failedJobsHistoryLimit + ", " + managerBackoffLimit);
        }
    }

    /** Daily at the given cron expression in UTC, 10 minutes' grace, 3 successful and 5 failed runs kept, 2 manager restarts. */
    public static CronSchedule of(String name, String namespace, String schedule) {
        return new CronSchedule(name, namespace, schedule, "Etc/UTC", 600, 3, 5, 2);
    }
}
