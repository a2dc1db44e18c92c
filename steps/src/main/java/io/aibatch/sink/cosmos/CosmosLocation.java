package io.aibatch.sink.cosmos;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code cosmos://<database>/<container>}: where a run's results go in Cosmos DB (the account endpoint comes from configuration). */
public record CosmosLocation(String database, String container) {

    public static final String SCHEME = "cosmos://";
    /** Cosmos DB resource ids: no '/', '\', '?', '#', at most 255 characters. */
    private static final Pattern FORM = Pattern.compile("cosmos://([^/\\\\?#]{1,255})/([^/\\\\?#]{1,255})/?");

    public static boolean matches(String location) {
        return location != null && location.startsWith(SCHEME);
    }

    public static CosmosLocation parse(String location) {
        Matcher m = FORM.matcher(location);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "--output " + location + " is not a Cosmos DB location; expected cosmos://<database>/<container>");
        }
        return new CosmosLocation(m.group(1), m.group(2));
    }

    @Override
    public String toString() {
        return SCHEME + database + "/" + container;
    }
}
