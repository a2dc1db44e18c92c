package io.aibatch.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The one line a benchmark prints for scripts and the README: {@code RESULT <case> key=value ...}. */
public final class BenchResult {

    private final String name;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public BenchResult(String name) {
        this.name = name;
    }

    public BenchResult put(String key, Object value) {
        values.put(key, value instanceof Double d ? String.format(java.util.Locale.ROOT, "%.2f", d) : value);
        return this;
    }

    public String line() {
        return "RESULT " + name + " "
                + values.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
    }
}
