package io.aibatch.runtime;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The jobs on the class path, from their static definitions (no Spring context needed). */
public final class JobDefinitions {

    private final Map<String, JobDefinition> byName;

    private JobDefinitions(List<JobDefinition> definitions) {
        Map<String, JobDefinition> map = new LinkedHashMap<>();
        definitions.stream().sorted(Comparator.comparing(JobDefinition::name)).forEach(definition -> {
            JobDefinition previous = map.putIfAbsent(definition.name(), definition);
            if (previous != null && previous.getClass() != definition.getClass()) {
                throw new IllegalStateException("two jobs are named " + definition.name() + ": "
                        + previous.getClass().getName() + " and "
                        + definition.getClass().getName());
            }
        });
        this.byName = Map.copyOf(map);
    }

    /** Every job listed in META-INF/services/io.aibatch.runtime.JobDefinition on the class path. */
    public static JobDefinitions onClassPath() {
        return of(ServiceLoader.load(JobDefinition.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    }

    public static JobDefinitions of(List<JobDefinition> definitions) {
        return new JobDefinitions(definitions);
    }

    public List<JobDefinition> all() {
        return byName.values().stream()
                .sorted(Comparator.comparing(JobDefinition::name))
                .toList();
    }

    public Optional<JobDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The job of that name, or a usage error listing the jobs there are. */
    public JobDefinition get(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown job '" + name + "'; jobs: " + names()));
    }

    public String names() {
        return byName.keySet().stream().sorted().collect(Collectors.joining(", "));
    }
}
