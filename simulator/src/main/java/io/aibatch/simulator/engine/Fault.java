package io.aibatch.simulator.engine;

/** What goes wrong with one request, decided when it arrives. */
public enum Fault {
    NONE("none"),
    HTTP_5XX("http5xx"),
    HTTP_429("http429"),
    HANG("hang"),
    MALFORMED("malformed"),
    DROP("drop");

    private final String key;

    Fault(String key) {
        this.key = key;
    }

    /** Name used in config files and in the stats' errors map. */
    public String key() {
        return key;
    }
}
