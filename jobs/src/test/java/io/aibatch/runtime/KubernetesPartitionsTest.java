package io.aibatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.cli.AibatchCommand;
import io.aibatch.k8s.AibatchLabels;
import io.aibatch.simulator.Backend;
import io.aibatch.simulator.Simulator;
import io.aibatch.simulator.config.SimulatorConfig;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubernetes partition handler against fabric8's mock API server (CRUD mode: no controller runs,
 * so this test plays the pods by running the worker command for each index, and writes Job status
 * itself), with a PostgreSQL job repository shared by the manager and the "pods".
 */
class KubernetesPartitionsTest {

    private static KubernetesMockServer server;
    private static KubernetesClient kubernetes;
    private static EmbeddedPostgres postgres;
    private static Simulator simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        kubernetes = server.createClient();
        // what KubernetesClientBuilder reads in the manager: the mock server, no kubeconfig
        System.setProperty(
                Config.KUBERNETES_MASTER_SYSTEM_PROPERTY,
                kubernetes.getMasterUrl().toString());
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        System.setProperty(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
        System.setProperty(Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, "aibatch");
        postgres = EmbeddedPostgres.builder().start();
        simulator = Simulator.start(SimulatorConfig.defaults()
                .withBackend(Backend.READ, b -> b.withSlots(32).withServiceTime(5, 0)));
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        postgres.close();
        kubernetes.close();
        server.destroy();
        System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
    }

    @Test
    void slicesRunAsTheIndexesOfOneIndexedJob() throws Exception {
        Run run = new Run("k8s-ok", 40);
        CompletableFuture<Integer> manager = run.manager("run");
        Job job = awaitIndexedJob(run.id, null);

        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(4);
        assertThat(job.getSpec().getPodFailurePolicy().getRules()).isNotEmpty();
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSubsequence("worker", "--run-id", run.id)
                .contains("--job-repository");
        for (int index = 0; index < 4; index++) {
            assertThat(run.pod(index)).isZero();
        }
        assertThat(manager.get(2, TimeUnit.MINUTES)).isZero();
        run.assertExactlyOnce();
    }

    @Test
    void aFailedIndexFailsTheRunAndRestartReplacesTheFinishedJob() throws Exception {
        Run run = new Run("k8s-failed", 40);
        CompletableFuture<Integer> manager = run.manager("run");
        Job first = awaitIndexedJob(run.id, null);
        for (int index = 0; index < 3; index++) {
            assertThat(run.pod(index)).isZero();
        }
        // index 3 ran out of retries: what the Job controller reports
        kubernetes
                .batch()
                .v1()
                .jobs()
                .inNamespace("aibatch")
                .withName(first.getMetadata().getName())
                .editStatus(j -> {
                    if (j.getStatus() == null) {
                        j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatus());
                    }
                    j.getStatus().setFailedIndexes("3");
                    j.getStatus().setCompletedIndexes("0-2");
                    j.getStatus()
                            .getConditions()
                            .add(new JobConditionBuilder()
                                    .withType("Failed")
                                    .withStatus("True")
                                    .withReason("FailedIndexes")
                                    .build());
                    return j;
                });
        assertThat(manager.get(2, TimeUnit.MINUTES))
                .as("the run fails, restartable")
                .isEqualTo(ExitCodes.FAILED);

        CompletableFuture<Integer> restart = run.manager("restart");
        Job second = awaitIndexedJob(run.id, first.getMetadata().getUid());
        assertThat(second.getMetadata().getUid())
                .isNotEqualTo(first.getMetadata().getUid());
        for (int index = 0; index < 4; index++) {
            assertThat(run.pod(index)).as("completed slices exit at once").isZero();
        }
        assertThat(restart.get(2, TimeUnit.MINUTES)).isZero();
        run.assertExactlyOnce();
    }

    @Test
    void aRestartedManagerReattachesToTheRunningJob() throws Exception {
        Run run = new Run("k8s-reattach", 40);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + Config.KUBERNETES_MASTER_SYSTEM_PROPERTY + "=" + kubernetes.getMasterUrl(),
                "-D" + Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY + "=false",
                "-D" + Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY + "=false",
                "-cp",
                System.getProperty("java.class.path"),
                "io.aibatch.cli.AibatchCommand"));
        command.addAll(run.arguments("run"));
        Process crashing = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("manager.log").toFile())
                .start();
        Job original = awaitIndexedJob(run.id, null);
        crashing.destroyForcibly(); // the manager pod dies; its Job starts a new one with the same run id
        crashing.waitFor(30, TimeUnit.SECONDS);

        CompletableFuture<Integer> resumed = run.manager("run", "--resume");
        run.awaitSlicesOfExecution(2);
        for (int index = 0; index < 4; index++) {
            assertThat(run.pod(index)).isZero();
        }
        assertThat(resumed.get(2, TimeUnit.MINUTES)).isZero();
        List<Job> jobs = kubernetes
                .batch()
                .v1()
                .jobs()
                .inNamespace("aibatch")
                .withLabel(AibatchLabels.RUN_ID, run.id)
                .list()
                .getItems();
        assertThat(jobs).singleElement().satisfies(job -> assertThat(
                        job.getMetadata().getUid())
                .isEqualTo(original.getMetadata().getUid()));
        run.assertExactlyOnce();
    }

    @Test
    void submitPrintsAManagerJobOnDryRunAndCancelDeletesIt() throws Exception {
        Path config = dir.resolve("k8s.yaml");
        Files.writeString(
                config,
                "aibatch:\n  kubernetes:\n    image: registry.example/aibatch:1.0\n    repository-secret: aibatch-db\n");
        String[] submit = {
            "k8s",
            "submit",
            "document-pipeline",
            "--input",
            "https://acct.blob.core.windows.net/in/docs",
            "--output",
            "https://acct.blob.core.windows.net/out/run",
            "--partitions",
            "8",
            "--name",
            "nightly-1",
            "--job-repository",
            "jdbc:postgresql://aibatch-db:5432/aibatch",
            "--run-option",
            "ocr=read-container",
            "--config",
            config.toString(),
            "--work-dir",
            dir.resolve("wd").toString()
        };
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(printed, true));
        try {
            String[] dryRun = java.util.Arrays.copyOf(submit, submit.length + 1);
            dryRun[submit.length] = "--dry-run";
            assertThat(AibatchCommand.execute(dryRun)).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString())
                .contains(
                        "kind: \"Job\"",
                        "--partition-handler",
                        "kubernetes",
                        "--resume",
                        "$(AIBATCH_RUN_ID)",
                        "secretKeyRef",
                        "runAsNonRoot: true",
                        "readOnlyRootFilesystem: true");
        assertThat(printed.toString())
                .as("the worker Indexed Job is previewed too")
                .contains("completionMode: \"Indexed\"", "completions: 8", "- \"worker\"", "- \"nightly-1\"");
        assertThat(kubernetes
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace("aibatch")
                        .withName("nightly-1")
                        .get())
                .as("dry run applies nothing")
                .isNull();

        assertThat(AibatchCommand.execute(submit)).isZero();
        assertThat(kubernetes
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace("aibatch")
                        .withName("nightly-1")
                        .get())
                .isNotNull();
        assertThat(AibatchCommand.execute(
                        "k8s",
                        "cancel",
                        "--run-id",
                        "nightly-1",
                        "--config",
                        config.toString(),
                        "--work-dir",
                        dir.resolve("wd").toString()))
                .isZero();
        assertThat(kubernetes
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace("aibatch")
                        .withName("nightly-1")
                        .get())
                .isNull();
    }

    @Test
    void cancelWithTheJobRepositoryCancelsTheRunsOpenCloudBatches() throws Exception {
        Path input = dir.resolve("batches-in");
        Files.createDirectories(input);
        java.util.Random random = new java.util.Random(20);
        for (int i = 0; i < 4; i++) {
            RestrictedCanaryEndToEndTest.writePdf(
                    input.resolve("clean-" + i + ".pdf"),
                    RestrictedCanaryEndToEndTest.invoice(random, i, List.of("Delivery note " + i)));
        }
        Map<String, String> properties = Map.of(
                "aibatch.cloud-llm.api-key", "batch-key",
                "aibatch.cloud-llm.batch.poll-interval", "200ms",
                "aibatch.cloud-llm.batch.file-poll-interval", "50ms",
                "aibatch.cloud-llm.batch.max-wait", "1s");
        properties.forEach(System::setProperty);
        String repository = postgres.getJdbcUrl("postgres", "postgres");
        try (Simulator batches = CloudBatchModeEndToEndTest.simulator(b -> b.withProcessingSeconds(60))) {
            int exit = AibatchCommand.execute(
                    "run",
                    "document-pipeline",
                    "--input",
                    input.toString(),
                    "--output",
                    dir.resolve("batches-out").toString(),
                    "--partitions",
                    "2",
                    "--run-id",
                    "batched-1",
                    "--job-repository",
                    repository,
                    "--work-dir",
                    dir.resolve("batches-wd").toString(),
                    "--llm-endpoint",
                    batches.baseUrl(),
                    "--cloud-llm-endpoint",
                    batches.baseUrl(),
                    "--cloud-llm-deployment",
                    CloudBatchModeEndToEndTest.DEPLOYMENT,
                    "--cloud-llm-mode",
                    "batch");
            assertThat(exit).as("stopped with its batches open").isEqualTo(ExitCodes.STOPPED);
            Map<String, String> open = CloudBatchModeEndToEndTest.batchStates(batches);
            assertThat(open).hasSize(2);
            kubernetes
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace("aibatch")
                    .resource(new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
                            .withNewMetadata()
                            .withName("batched-1")
                            .endMetadata()
                            .build())
                    .create();

            CloudBatchModeEndToEndTest.Printed cancel = CloudBatchModeEndToEndTest.Printed.of(
                    "k8s",
                    "cancel",
                    "--run-id",
                    "batched-1",
                    "--job-repository",
                    repository,
                    "--work-dir",
                    dir.resolve("batches-wd").toString());
            assertThat(cancel.exit()).as(cancel.err()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(cancel.out()).contains("manager Job deleted").doesNotContain("batch-key");
            open.keySet().forEach(id -> assertThat(cancel.out()).contains("batch " + id));
            assertThat(CloudBatchModeEndToEndTest.batchStates(batches))
                    .allSatisfy((id, state) -> assertThat(state).isIn("cancelling", "cancelled"));
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void submitTakesTheImageFromTheCommandLineAndTheManifestsSecretByDefaultAndWarnsWithoutCredentials()
            throws Exception {
        String[] submit = {
            "k8s",
            "submit",
            "document-pipeline",
            "--input",
            "https://acct.blob.core.windows.net/in/docs",
            "--output",
            "https://acct.blob.core.windows.net/out/run",
            "--name",
            "img-1",
            "--image",
            "registry.example/aibatch:2.0",
            "--job-repository",
            "jdbc:postgresql://aibatch-db:5432/aibatch",
            "--work-dir",
            dir.resolve("wd").toString(),
            "--dry-run"
        };
        String[] printed = captured(submit);
        assertThat(printed[0]).contains("image: \"registry.example/aibatch:2.0\"", "name: \"aibatch-postgres\"");
        assertThat(printed[0])
                .as("without --partitions, aibatch.partitions (4), the default of run too")
                .contains("- \"--partitions\"\n", "- \"4\"\n", "completions: 4");
        assertThat(printed[1]).doesNotContain("warning");

        Path config = dir.resolve("no-secret.yaml");
        Files.writeString(config, "aibatch:\n  kubernetes:\n    repository-secret: \"\"\n");
        String[] withoutSecret = java.util.Arrays.copyOf(submit, submit.length + 2);
        withoutSecret[submit.length] = "--config";
        withoutSecret[submit.length + 1] = config.toString();
        assertThat(captured(withoutSecret)[1]).contains("warning: the pods get no credentials for the job repository");
    }

    /** stdout and stderr of a command that must succeed. */
    private static String[] captured(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream originalOut = System.out;
        java.io.PrintStream originalErr = System.err;
        System.setOut(new java.io.PrintStream(out, true));
        System.setErr(new java.io.PrintStream(err, true));
        try {
            assertThat(AibatchCommand.execute(args)).isZero();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new String[] {out.toString(), err.toString()};
    }

    private static Job awaitIndexedJob(String runId, String notUid) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<Job> jobs = kubernetes
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace("aibatch")
                    .withLabel(AibatchLabels.RUN_ID, runId)
                    .list()
                    .getItems();
            for (Job job : jobs) {
                if (notUid == null || !notUid.equals(job.getMetadata().getUid())) {
                    return job;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no Indexed Job for run " + runId + " within 60 s");
    }

    /** One run's inputs, outputs and shared settings. */
    private final class Run {
        final String id;
        final Path input;
        final Path output;
        final String repository;
        final Path config;

        Run(String id, int items) throws Exception {
            this.id = id;
            this.input = TestInputs.tinyScans(dir.resolve(id + "-in"), items);
            this.output = dir.resolve(id + "-out");
            // one repository for every run of this class, as in production: Spring Batch keys step scopes by
            // execution id, so two repositories in one JVM would hand out the same ids twice
            this.repository = postgres.getJdbcUrl("postgres", "postgres");
            this.config = dir.resolve(id + ".yaml");
            Files.writeString(
                    config,
                    """
                    aibatch:
                      document:
                        enrichment: false
                      chunk-size: 5
                      # a resumed manager waits out the heartbeat lapse of the one that died: 3 s, not 20
                      heartbeat:
                        interval: 500ms
                        lapse: 3s
                      kubernetes:
                        image: registry.example/aibatch:test
                        poll-interval: 200ms
                    """);
        }

        List<String> arguments(String command, String... extra) {
            List<String> arguments = new ArrayList<>(List.of(command));
            if (command.equals("run")) {
                arguments.addAll(List.of(
                        "document-pipeline",
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString(),
                        "--partitions",
                        "4",
                        "--partition-handler",
                        "kubernetes",
                        "--ocr",
                        "read-container",
                        "--ocr-endpoint",
                        simulator.baseUrl()));
            }
            arguments.addAll(List.of(
                    "--run-id",
                    id,
                    "--job-repository",
                    repository,
                    "--config",
                    config.toString(),
                    "--work-dir",
                    dir.resolve(id + "-wd").toString()));
            arguments.addAll(List.of(extra));
            return arguments;
        }

        CompletableFuture<Integer> manager(String command, String... extra) {
            List<String> arguments = arguments(command, extra);
            // its own thread: the common pool may have a single thread on a 2-core machine
            return CompletableFuture.supplyAsync(
                    () -> AibatchCommand.execute(arguments.toArray(String[]::new)),
                    runnable -> new Thread(runnable, "manager-" + id).start());
        }

        /** What pod {@code index} of the Indexed Job does. */
        int pod(int index) {
            return AibatchCommand.execute(
                    "worker",
                    "--run-id",
                    id,
                    "--slice",
                    String.valueOf(index),
                    "--job-repository",
                    repository,
                    "--config",
                    config.toString(),
                    "--work-dir",
                    dir.resolve(id + "-pod").toString());
        }

        /** Waits until the run's {@code n}-th execution has created its slices (what a pod needs to find). */
        void awaitSlicesOfExecution(int n) throws Exception {
            String query =
                    """
                    select count(*) from batch_step_execution s where s.step_name like 'worker:%%' and s.job_execution_id =
                      (select max(e.job_execution_id) from batch_job_execution e join batch_job_execution_params p
                         on p.job_execution_id = e.job_execution_id and p.parameter_name = 'runId' and p.parameter_value = '%s')
                      and (select count(*) from batch_job_execution e join batch_job_execution_params p
                         on p.job_execution_id = e.job_execution_id and p.parameter_name = 'runId' and p.parameter_value = '%s') >= %d
                    """
                            .formatted(id, id, n);
            for (int i = 0; i < 600; i++) {
                try (Connection connection = java.sql.DriverManager.getConnection(repository);
                        Statement statement = connection.createStatement();
                        java.sql.ResultSet rows = statement.executeQuery(query)) {
                    if (rows.next() && rows.getInt(1) >= 4) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("execution " + n + " of run " + id + " did not create its slices within 60 s");
        }

        void assertExactlyOnce() throws Exception {
            RunOutput out = RunOutput.read(output);
            assertThat(out.occurrencesBySource())
                    .hasSize(SampleData.files(input).size())
                    .allSatisfy((source, count) -> assertThat(count).isOne());
            assertThat(out.report().get("status").asString()).isEqualTo("COMPLETED");
        }
    }
}
