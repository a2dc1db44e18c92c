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

    /** One sentence for {@code run --help}. */
    String description();

    /** The job's own options; their values reach the pipeline as {@link RunParameters#option(String)} by name. */
    default List<JobOption> options() {
        return List.of();
    }
}
