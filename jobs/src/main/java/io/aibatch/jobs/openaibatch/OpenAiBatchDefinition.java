package io.aibatch.jobs.openaibatch;

import io.aibatch.runtime.JobDefinition;
import io.aibatch.runtime.JobOption;
import java.util.List;

/** {@code openai-batch} as the command line knows it. */
public final class OpenAiBatchDefinition implements JobDefinition {

    public static final String NAME = "openai-batch";
    public static final JobOption MODEL = new JobOption(
            "model",
            "NAME",
            "The model every request is sent to, replacing each line's body.model (default: keep the line's model).");
    public static final JobOption ALLOW_DUPLICATE_IDS = new JobOption(
            "allow-duplicate-ids",
            "true|false",
            "true: run a file whose custom_ids are not unique (default false: such a file is refused before the run,"
                    + " exit 65, with the first duplicates listed).");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Batch API JSONL lines -> in-cluster LLM -> output.jsonl";
    }

    @Override
    public List<JobOption> options() {
        return List.of(MODEL, ALLOW_DUPLICATE_IDS);
    }

    @Override
    public boolean readsSingleFiles() {
        return true;
    }
}
