package io.aibatch.engine.ocr;

import io.aibatch.engine.Locality;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach a remote OCR service.
 *
 * @param endpoint       base URL, e.g. {@code http://read-ocr:5000}
 * @param apiKey         sent as {@code Ocp-Apim-Subscription-Key}; null for containers that need none. Never logged.
 * @param requestTimeout timeout of each HTTP request (one POST or one poll)
 * @param pollInterval   wait between polls of an asynchronous operation, unless the service says otherwise
 * @param locality       IN_CLUSTER for a container, CLOUD for the cloud API of the same protocol
 */
public record RemoteOcrSettings(
        URI endpoint, String apiKey, Duration requestTimeout, Duration pollInterval, Locality locality) {

    public RemoteOcrSettings {
        if (endpoint == null
                || endpoint.getScheme() == null
                || !endpoint.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("the OCR endpoint must be an http(s) URL but was " + endpoint);
        }
        String base = endpoint.toString();
        endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    public static RemoteOcrSettings inCluster(URI endpoint) {
        return new RemoteOcrSettings(
                endpoint, null, Duration.ofSeconds(30), Duration.ofMillis(200), Locality.IN_CLUSTER);
    }

    @Override
    public String toString() {
        // the key must never reach a log line
        return "RemoteOcrSettings[endpoint=" + endpoint + ", apiKey=" + (apiKey == null ? "none" : "****")
                + ", requestTimeout=" + requestTimeout + ", pollInterval=" + pollInterval + ", locality=" + locality
                + "]";
    }
}
