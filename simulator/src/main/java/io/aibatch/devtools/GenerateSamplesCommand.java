package io.aibatch.devtools;

import io.aibatch.devtools.sampledata.GeneratedDocument;
import io.aibatch.devtools.sampledata.GeneratorOptions;
import io.aibatch.devtools.sampledata.SampleDocumentGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "generate-samples",
        description = "Write synthetic documents with ground truth (and bad inputs), deterministically from a seed.")
final class GenerateSamplesCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Default: ${DEFAULT-VALUE} (the committed sample-data)")
    long seed;

    @Option(names = "--count", defaultValue = "36", description = "Default: ${DEFAULT-VALUE}")
    int count;

    @Option(
            names = "--unseen",
            description = "Fonts, skew and noise the committed set does not use (for OCR accuracy checks).")
    boolean unseen;

    @Override
    public Integer call() throws Exception {
        GeneratorOptions options =
                unseen ? GeneratorOptions.unseenOcrSet(seed, count, out) : GeneratorOptions.sampleSet(seed, count, out);
        List<GeneratedDocument> documents = SampleDocumentGenerator.generate(options);
        System.out.printf("wrote %d documents with ground truth to %s%n", documents.size(), out.toAbsolutePath());
        return 0;
    }
}
