package io.aibatch.cli;

import io.aibatch.k8s.AibatchLabels;
import io.aibatch.k8s.CronSchedule;
import io.aibatch.k8s.IndexedJobClient;
import io.aibatch.k8s.IndexedJobStatus;
import io.aibatch.k8s.JobRef;
import io.aibatch.k8s.ManifestYaml;
import io.aibatch.runtime.AibatchProperties;
import io.aibatch.runtime.ExitCodes;
import io.aibatch.runtime.RunLauncher;
import io.aibatch.runtime.kubernetes.KubernetesSettings;
import io.aibatch.runtime.kubernetes.ManagerJobs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aibatch k8s ...}: run jobs on a Kubernetes cluster (the manager in a Job, the slices in an Indexed Job). */
@Command(
        name = "k8s",
        description = "Submit, schedule, follow and cancel runs on Kubernetes.",
        subcommands = {
            K8sCommand.Submit.class,
            K8sCommand.Schedule.class,
            K8sCommand.Status.class,
            K8sCommand.Cancel.class,
            K8sCommand.Logs.class
        })
final class K8sCommand {

    /** What a run on the cluster needs: the job, its input and output, and the shared job repository. */
    static final class RunSpec {
        @Parameters(
                index = "0",
                paramLabel = JobOptions.JOB,
                description = "The job to run: one of the jobs listed above.")
        String job;

        @Option(
                names = "--input",
                required = true,
                paramLabel = "URL",
                description = "Where the items are, as the pods see it: a blob URL "
                        + "https://<account>.blob.core.windows.net/<container>/<prefix>.")
        String input;

        @Option(
                names = "--output",
                required = true,
                paramLabel = "URL",
                description = "Where results, dead-letters and report.json go, as the pods see it: a blob URL.")
        String output;

        @Option(
                names = "--partitions",
                paramLabel = "N",
                description = "Slices = pods of the Indexed Job. " + RunCommand.PARTITIONS_DEFAULT)
        Integer partitions;

        @Option(
                names = "--run-option",
                paramLabel = "OPTION=VALUE",
                description = "Extra run option passed to the manager, e.g. --run-option ocr=read-container")
        List<String> runOptions = new ArrayList<>();

        @Option(
                names = "--image",
                paramLabel = "IMAGE",
                description = "Image of the manager and worker pods, e.g. myregistry.azurecr.io/aibatch:0.1.0 "
                        + "(default: aibatch.kubernetes.image, env AIBATCH_KUBERNETES_IMAGE).")
        String image;

        @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
        picocli.CommandLine.Model.CommandSpec command;

        @Option(
                names = "--dry-run",
                description = "Print every object the run will create (the manager Job or CronJob and, as a "
                        + "preview, the worker Indexed Job for --partitions slices) instead of applying anything.")
        boolean dryRun;

        /** The pods' settings and the number of slices, from the command line over the configuration. */
        Configured configure(RepositoryOptions repository) {
            AibatchProperties properties = configuration(repository);
            KubernetesSettings settings = properties.kubernetes();
            int slices = partitions != null ? partitions : properties.partitions();
            if (slices < 1) {
                throw new IllegalArgumentException("--partitions must be at least 1 but was " + slices);
            }
            return new Configured(image == null || image.isBlank() ? settings : settings.withImage(image), slices);
        }

        /** The manager's {@code run} arguments: the number of slices is always given, so the pods' configuration cannot change it. */
        List<String> runArgs(int slices) {
            List<String> args = new ArrayList<>(
                    List.of("--input", input, "--output", output, "--partitions", String.valueOf(slices)));
            io.aibatch.runtime.JobDefinitions jobs = io.aibatch.runtime.JobDefinitions.onClassPath();
            JobOptions.values(command, jobs, jobs.get(job)).forEach((name, value) -> {
                args.add("--" + name);
                args.add(value);
            });
            for (String option : runOptions) {
                int equals = option.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("--run-option " + option
                            + " must look like name=value, e.g. ocr-endpoint=http://read-ocr:5000");
                }
                args.add("--" + option.substring(0, equals));
                args.add(option.substring(equals + 1));
            }
            return args;
        }
    }

    /** The manager and its pods share the job repository: it must be a server both can reach, never the local H2. */
    static String sharedRepository(RepositoryOptions repository) {
        if (repository.jobRepository == null) {
            throw new IllegalArgumentException(
                    "runs on Kubernetes need --job-repository, e.g. jdbc:postgresql://aibatch-db:5432/aibatch "
                            + "(credentials from the Secret named by aibatch.kubernetes.repository-secret)");
        }
        return repository.jobRepository;
    }

    /**
     * The pods read the repository's credentials from {@code aibatch.kubernetes.repository-secret}; with none configured
     * they only have what the JDBC URL carries. Without either, every pod would fail to log in: say so before submitting.
     */
    static void warnWithoutCredentials(KubernetesSettings settings, String jobRepository) {
        boolean inUrl = jobRepository.contains("password=");
        if (settings.repositorySecret().isBlank() && !inUrl) {
            System.err.println(
                    "aibatch: warning: the pods get no credentials for the job repository: aibatch.kubernetes.repository-secret "
                            + "is empty and the JDBC URL carries no password; set it to a Secret with keys username and password "
                            + "(the manifests create aibatch-postgres)");
        }
    }

    /** What the manager will submit once it has planned the run: shown by {@code --dry-run} so a reviewer sees every object. */
    static HasMetadata workerPreview(
            KubernetesSettings settings, String runId, String job, int partitions, String jobRepository) {
        List<String> workerArgs =
                List.of("worker", "--run-id", runId, "--job-repository", jobRepository, "--work-dir", "/tmp/aibatch");
        return new io.aibatch.k8s.IndexedJobFactory().build(settings.indexedJob(runId, job, partitions, workerArgs));
    }

    /** A run's Kubernetes settings and its number of slices, resolved on this machine. */
    record Configured(KubernetesSettings settings, int partitions) {}

    static KubernetesSettings settings(RepositoryOptions repository) {
        return configuration(repository).kubernetes();
    }

    static AibatchProperties configuration(RepositoryOptions repository) {
        // only the configuration is needed here; the shared repository may not be reachable from this machine
        try (ConfigurableApplicationContext context = SpringContexts.open(repository.withoutSharedRepository(), 1)) {
            return context.getBean(AibatchProperties.class);
        }
    }

    static int apply(HasMetadata resource, boolean dryRun) {
        if (dryRun) {
            System.out.print(ManifestYaml.render(resource));
            return ExitCodes.COMPLETED;
        }
        try (KubernetesClient kubernetes = new KubernetesClientBuilder().build()) {
            kubernetes.resource(resource).create();
        }
        System.out.printf(
                "created %s %s/%s%n",
                resource.getKind(),
                resource.getMetadata().getNamespace(),
                resource.getMetadata().getName());
        return ExitCodes.COMPLETED;
    }

    @Command(
            name = "submit",
            description = "Start a run now: a manager Job that plans the run and runs its slices as an Indexed Job.")
    static final class Submit implements Callable<Integer> {
        @Mixin
        RunSpec run;

        @Mixin
        RepositoryOptions repository;

        @Option(
                names = "--name",
                paramLabel = "NAME",
                description = "Manager Job name = run id. Default: <job>-<yyyyMMdd-HHmmss>.")
        String name;

        @Override
        public Integer call() {
            Configured configured = run.configure(repository);
            KubernetesSettings settings = configured.settings();
            String jobName = name != null
                    ? name
                    : run.job + "-"
                            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now());
            String jobRepository = sharedRepository(repository);
            warnWithoutCredentials(settings, jobRepository);
            Job manager = new ManagerJobs(settings)
                    .managerJob(
                            jobName,
                            run.job,
                            ManagerJobs.managerArgs(run.job, run.runArgs(configured.partitions()), jobRepository));
            if (run.dryRun) {
                System.out.print(ManifestYaml.render(List.of(
                        manager, workerPreview(settings, jobName, run.job, configured.partitions(), jobRepository))));
                return ExitCodes.COMPLETED;
            }
            return apply(manager, false);
        }
    }

    @Command(
            name = "schedule",
            description = "Run a job on a schedule: a CronJob (concurrencyPolicy Forbid) whose every Job is a new run.")
    static final class Schedule implements Callable<Integer> {
        @Mixin
        RunSpec run;

        @Mixin
        RepositoryOptions repository;

        @Option(
                names = "--schedule",
                required = true,
                paramLabel = "CRON",
                description = "When a run starts, in cron syntax, e.g. \"0 2 * * *\" (02:00 every day) or @daily.")
        String schedule;

        @Option(
                names = "--name",
                required = true,
                paramLabel = "NAME",
                description = "CronJob name (at most 52 characters).")
        String name;

        @Option(
                names = "--time-zone",
                paramLabel = "ZONE",
                defaultValue = "Etc/UTC",
                description = "Time zone of --schedule, e.g. Europe/Berlin. Default: ${DEFAULT-VALUE}")
        String timeZone;

        @Option(
                names = "--since-last-success",
                description =
                        "Each scheduled run processes only what is new or changed since the last one that completed (run --since-last-success).")
        boolean sinceLastSuccess;

        @Override
        public Integer call() {
            Configured configured = run.configure(repository);
            KubernetesSettings settings = configured.settings();
            warnWithoutCredentials(settings, sharedRepository(repository));
            CronSchedule cron = new CronSchedule(name, settings.namespace(), schedule, timeZone, 600, 3, 5, 2);
            List<String> runArgs = run.runArgs(configured.partitions());
            if (sinceLastSuccess) {
                runArgs.add("--since-last-success");
            }
            return apply(
                    new ManagerJobs(settings)
                            .managerCronJob(
                                    cron, ManagerJobs.managerArgs(run.job, runArgs, sharedRepository(repository))),
                    run.dryRun);
        }
    }

    @Command(name = "status", description = "The Indexed Jobs of aibatch runs, or one run's slices.")
    static final class Status implements Callable<Integer> {
        @Mixin
        RepositoryOptions repository;

        @Option(
                names = "--run-id",
                paramLabel = "ID",
                description = "Show this run's slices. Default: list the Indexed Jobs of all runs.")
        String runId;

        @Override
        public Integer call() {
            KubernetesSettings settings = settings(repository);
            try (KubernetesClient kubernetes = new KubernetesClientBuilder().build()) {
                IndexedJobClient jobs = new IndexedJobClient(kubernetes);
                if (runId != null) {
                    Optional<JobRef> job = jobs.find(settings.namespace(), runId);
                    if (job.isEmpty()) {
                        System.out.println("run " + runId + " has no Indexed Job in namespace " + settings.namespace());
                        return ExitCodes.USAGE;
                    }
                    IndexedJobStatus status = jobs.status(job.get());
                    System.out.println(status.summary());
                    return status.phase().name().equals("SUCCEEDED") ? ExitCodes.COMPLETED : ExitCodes.FAILED;
                }
                for (Job job : kubernetes
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(settings.namespace())
                        .withLabel(AibatchLabels.RUN_ID)
                        .list()
                        .getItems()) {
                    System.out.println(IndexedJobStatus.of(job).summary());
                }
                return ExitCodes.COMPLETED;
            }
        }
    }

    @Command(
            name = "cancel",
            description =
                    "Delete a run's manager Job and its Indexed Job; pods get SIGTERM and stop after their chunk. With"
                            + " --job-repository, the run's open cloud batches (--cloud-llm-mode batch) are cancelled too.")
    static final class Cancel implements Callable<Integer> {
        @Mixin
        RepositoryOptions repository;

        @Option(
                names = "--run-id",
                required = true,
                paramLabel = "ID",
                description = "The run to cancel (the manager Job's name).")
        String runId;

        @Override
        public Integer call() {
            KubernetesSettings settings = settings(repository);
            try (KubernetesClient kubernetes = new KubernetesClientBuilder().build()) {
                IndexedJobClient jobs = new IndexedJobClient(kubernetes);
                boolean manager = !kubernetes
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(settings.namespace())
                        .withName(runId)
                        .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND)
                        .delete()
                        .isEmpty();
                boolean slices =
                        jobs.find(settings.namespace(), runId).map(jobs::cancel).orElse(false);
                System.out.printf(
                        "run %s: manager Job %s, Indexed Job %s%n",
                        runId, manager ? "deleted" : "not found", slices ? "deleted" : "not found");
                boolean recorded = cancelOpenBatches();
                return manager || slices || recorded ? ExitCodes.COMPLETED : ExitCodes.USAGE;
            }
        }

        /**
         * After the Jobs are deleted (no slice creates a batch any more once its pod is gone), the run's open cloud
         * batches are cancelled; they are recorded in the shared job repository, so only with --job-repository.
         * Returns whether the repository knows the run.
         */
        private boolean cancelOpenBatches() {
            if (repository.jobRepository == null) {
                return false;
            }
            try (ConfigurableApplicationContext context = SpringContexts.open(repository, 2)) {
                Optional<JobExecution> last = context.getBean(RunLauncher.class).lastExecution(runId);
                last.ifPresent(execution -> AbandonCommand.cancelOpenBatches(context, execution));
                return last.isPresent();
            }
        }
    }

    @Command(name = "logs", description = "The log of the pod that ran one slice of a run.")
    static final class Logs implements Callable<Integer> {
        @Mixin
        RepositoryOptions repository;

        @Option(names = "--run-id", required = true, paramLabel = "ID", description = "The run.")
        String runId;

        // required rather than 0 by default: worker --slice has no default either, and slice 0 is no better a guess
        @Option(
                names = "--slice",
                required = true,
                paramLabel = "N",
                description = "The slice whose pod log to print (0 to partitions - 1).")
        int slice;

        @Override
        public Integer call() {
            KubernetesSettings settings = settings(repository);
            try (KubernetesClient kubernetes = new KubernetesClientBuilder().build()) {
                IndexedJobClient jobs = new IndexedJobClient(kubernetes);
                JobRef job = jobs.find(settings.namespace(), runId)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "run " + runId + " has no Indexed Job in namespace " + settings.namespace()));
                System.out.print(jobs.logsOfIndex(job, slice));
                return ExitCodes.COMPLETED;
            }
        }
    }
}
