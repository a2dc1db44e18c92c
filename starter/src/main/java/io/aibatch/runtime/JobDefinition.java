package io.aibatch.runtime;

import java.util.List;

/**
 * What the command line knows about a job before any Spring context exists: its name, what it does and the options
 * it adds to {@code run}, {@code reprocess}, {@code compare} and {@code k8s submit|schedule}. Each job module lists its
 * definition in {@code META-INF/services/io.aibatch.runtime.JobDefinition}; {@link JobDefinitions} finds them.
 * The job's behaviour is its {@link Pipeline} bean of the same {@link #name()}.
 */
public interface JobDefinition {

    /** The job name used on the command line, e.g. {@code document-pipeline}. */
    String name();

    /** One line for {@code run --help} (it is printed beside the name: about 55 characters at most). */
    String description();

    /** The job's own options; their values reach the pipeline as {@link RunParameters#option(String)} by name. */
    default List<JobOption> options() {
        return List.of();
    }

    /**
     * Whether {@code --input} may name a single file (e.g. one JSONL file of requests) rather than a directory or a
     * blob container: checked on the command line, so a wrong input is a one-line usage error, not a failed run.
     */
    default boolean readsSingleFiles() {
        return false;
    }
}
