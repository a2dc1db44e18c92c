package io.aibatch.engine;

import io.aibatch.engine.speech.EndpointLocality;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks a backend endpoint URL (OCR, LLM, transcription, Cosmos DB) before anything connects to it. Credentials
 * never travel in such a URL: user-info ({@code http://user:pw@host}) and query strings ({@code ?api-key=...}) are
 * refused, because the URL is logged, stored in the job repository and passed to workers, while keys come from
 * configuration or the environment. Messages show only scheme, host and port.
 */
public final class BackendEndpoints {

    private BackendEndpoints() {}

    /** @param option the option or property it came from, e.g. {@code --ocr-endpoint}; null or blank URLs are left to the caller */
    public static URI check(String option, String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new EndpointRefusedException(option + " is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw new EndpointRefusedException(
                    option + " " + origin(uri) + " carries credentials in the URL (user-info before '@'); "
                            + "a URL is logged and stored with the run, so give the key through configuration or the environment instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new EndpointRefusedException(
                    option + " " + origin(uri) + " must be a plain URL without '?' or '#' parts (a key in a query "
                            + "string would be logged and stored with the run); give the key through configuration or the environment instead");
        }
        if (uri.getHost() == null) {
            throw new EndpointRefusedException(
                    option + " " + origin(uri) + " names no host; expected e.g. http://host:port");
        }
        return uri;
    }

    /**
     * Refuses an endpoint whose engine sees restricted or unchecked content when it resolves to CLOUD.
     *
     * @param locality the endpoint's resolved locality (configured override or {@link EndpointLocality#of})
     * @param override the option that could override the resolution, e.g. {@code --llm-locality}
     * @param sees     what the engine would see, e.g. {@code restricted and unchecked documents}
     */
    public static void requireInCluster(String option, URI endpoint, Locality locality, String override, String sees) {
        if (locality != Locality.CLOUD) {
            return;
        }
        String why = EndpointLocality.whyCloud(endpoint);
        throw new EndpointRefusedException(
                option + " " + origin(endpoint) + ": host " + endpoint.getHost() + " counts as cloud ("
                        + (why == null ? override + " says cloud" : why) + "), but this engine sees " + sees
                        + ", which must never leave the cluster; give an in-cluster endpoint, or " + override
                        + " in-cluster if this host is in fact inside your network");
    }

    /** {@code scheme://host[:port]}: all of a URL a message may show. */
    public static String origin(URI uri) {
        String host = uri.getHost() == null ? "(no host)" : uri.getHost();
        return (uri.getScheme() == null ? "" : uri.getScheme() + "://")
                + host
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
