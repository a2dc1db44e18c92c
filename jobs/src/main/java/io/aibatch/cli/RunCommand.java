package io.aibatch.cli;

import io.aibatch.jobs.AibatchProperties;
import io.aibatch.jobs.RunLauncher;
import io.aibatch.jobs.RunParameters;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "run", description = "Plan a run over the input, process it in parallel slices, write results, dead-letters and report.json.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<job>", description = "The job to run, e.g. document-pipeline.")
    String job;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Where the items are.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Where results/, dead-letter/ and report.json go.")
    String output;

    @Option(names = "--partitions", paramLabel = "N", description = "Slices to split the run into (default: aibatch.partitions).")
    Integer partitions;

    @Option(names = "--run-id", paramLabel = "ID", description = "Name of this run, used to restart it (default: generated).")
    String runId;

    @Option(names = "--transcription", paramLabel = "ENGINE",
            description = "audio-transcription: openai or azure-speech-container (default: aibatch.transcription.engine).")
    String transcription;

    @Option(names = "--transcription-endpoint", paramLabel = "URL",
            description = "audio-transcription: the engine's URL, http(s)://host:port for openai, ws://host:port for the Speech container.")
    String transcriptionEndpoint;

    @Mixin
    RepositoryOptions repository;

    /** Job-specific options, stored with the run so that a restart uses the same ones. */
    private Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        if (transcription != null) {
            options.put("transcription", transcription);
        }
        if (transcriptionEndpoint != null) {
            options.put("transcription-endpoint", transcriptionEndpoint);
        }
        return options;
    }

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = SpringContexts.open(repository)) {
            AibatchProperties properties = context.getBean(AibatchProperties.class);
            String id = runId != null ? runId : RunIds.generate(job);
            int slices = partitions != null ? partitions : properties.partitions();
            if (slices < 1) {
                throw new IllegalArgumentException("--partitions must be at least 1 but was " + slices);
            }
            System.out.println("run id: " + id);
            JobExecution execution = context.getBean(RunLauncher.class)
                    .start(job, new RunParameters(id, input, output, slices, properties.pipelineVersion(), options()));
            RunSummaries.print(id, execution, System.out);
            return ExitCodes.of(execution.getStatus());
        }
    }
}
