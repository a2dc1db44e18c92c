package io.aibatch.runtime;

import java.util.Set;

/** Run options every job shares (a job's own come from its {@link JobDefinition}). */
public final class RunOptions {

    /** What a {@code compare} profile may set besides the job's own options: the shared engines and where slices run. */
    public static final Set<String> PROFILE_OPTIONS = Set.of(
            RunParameters.LLM_ENDPOINT,
            RunParameters.LLM_LOCALITY,
            RunParameters.CLOUD_LLM_ENDPOINT,
            RunParameters.CLOUD_LLM_DEPLOYMENT,
            RunPartitionHandler.OPTION);

    private RunOptions() {}
}
