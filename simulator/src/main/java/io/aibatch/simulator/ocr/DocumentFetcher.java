package io.aibatch.simulator.ocr;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches documents given by URL ({"url"} for Read, urlSource for Document Intelligence). Only loopback URLs are
 * fetched: on this machine that is where a blob emulator or a test server lives, and nothing else may be called.
 * Anything else fails the way an unreachable URL fails at the real service.
 */
public final class DocumentFetcher {

    /** Why a URL could not be used: the handler maps this to its own error code. */
    public static final class FetchException extends RuntimeException {
        private final boolean badUrl;

        FetchException(String message, boolean badUrl) {
            super(message);
            this.badUrl = badUrl;
        }

        /** True when the URL itself is unusable (syntax, scheme); false when downloading it failed. */
        public boolean badUrl() {
            return badUrl;
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    public CompletableFuture<byte[]> fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new FetchException("Image URL is badly formatted.", true));
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            return CompletableFuture.failedFuture(new FetchException("Image URL is badly formatted.", true));
        }
        if (!isLoopback(uri.getHost())) {
            return CompletableFuture.failedFuture(new FetchException(
                    "Failed to download the image from the specified URL (the simulator only fetches loopback URLs).",
                    false));
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new FetchException(
                                "Failed to download the image from the specified URL: " + failure.getMessage(), false);
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw new FetchException(
                                "Failed to download the image from the specified URL: HTTP " + response.statusCode(),
                                false);
                    }
                    return response.body();
                });
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses are checked, so no DNS lookup ever leaves the machine
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Unwraps CompletionException layers to the FetchException, if that is what failed. */
    public static FetchException cause(Throwable t) {
        while (t != null) {
            if (t instanceof FetchException f) {
                return f;
            }
            t = t.getCause();
        }
        return new FetchException("Failed to download the image from the specified URL.", false);
    }
}
