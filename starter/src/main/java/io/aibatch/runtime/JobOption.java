package io.aibatch.runtime;

/**
 * A command-line option a job declares once: {@code --<name> VALUE} on {@code run}, {@code reprocess}, {@code compare}
 * profiles and {@code k8s submit|schedule}, recorded with the run under the same name so that restarts, worker
 * processes and pods use exactly the value the run started with.
 *
 * @param name        kebab-case, without the dashes, e.g. {@code ocr-endpoint}
 * @param paramLabel  how the value is shown in usage, e.g. {@code URL}
 * @param description one sentence, with the default (usually a configuration property)
 */
public record JobOption(String name, String paramLabel, String description) {

    public JobOption {
        if (name == null || !name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a job option name is kebab-case like ocr-endpoint, not '" + name + "'");
        }
    }

    /** How it is written on the command line. */
    public String flag() {
        return "--" + name;
    }
}
