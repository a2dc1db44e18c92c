package io.aibatch.blob;

import com.azure.storage.common.Utility;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A container and a virtual directory in Azure Blob Storage, parsed from a URL given as
 * {@code --input} or {@code --output}:
 * <ul>
 *   <li>{@code https://<account>.blob.core.windows.net/<container>/<prefix>} (host-style, Azure), or</li>
 *   <li>{@code http://127.0.0.1:10000/devstoreaccount1/<container>/<prefix>} (path-style: the account is the first
 *   path segment; used when the host is an IP address or {@code localhost}, or the URL names a port, as the Azure
 *   SDK does for Azurite).</li>
 * </ul>
 * The prefix is a virtual directory: {@code .../docs} and {@code .../docs/} both mean every blob whose name starts
 * with {@code docs/}. Query strings are refused: a SAS token in a URL would end up in logs and in the job repository;
 * credentials come from the environment instead (see {@link BlobClients}).
 *
 * @param endpoint  the service endpoint, e.g. {@code https://acct.blob.core.windows.net} or
 *                  {@code http://127.0.0.1:10000/devstoreaccount1}
 * @param account   the storage account name
 * @param container the container name
 * @param prefix    "" for the whole container, otherwise the virtual directory ending in '/'
 */
public record BlobLocation(String endpoint, String account, String container, String prefix) {

    /** Azure's rule for container names: 3-63 characters, lower-case letters, digits and single hyphens. */
    private static final Pattern CONTAINER_NAME = Pattern.compile("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$");

    /** True when {@code location} is meant as a blob URL rather than a local path. */
    public static boolean isUrl(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    /**
     * @param url    the URL as given
     * @param option the option it came from, for messages (e.g. {@code --input})
     */
    public static BlobLocation parse(String url, String option) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " " + withoutQuery(url) + " is not a valid URL ("
                    + e.getReason() + "); percent-encode spaces and other special characters in the prefix");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    option + " must be a plain blob URL without '?' or '#' parts (a SAS token in a"
                            + " URL would be logged and stored in the job repository); give credentials through"
                            + " AZURE_STORAGE_CONNECTION_STRING (it may hold SharedAccessSignature=...) or use a managed identity");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(option + " " + url
                    + " has no host; expected https://<account>.blob.core.windows.net/<container>/<prefix>");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", -1) : path.split("/", -1);
        int next = 0;
        String account;
        String endpoint;
        if (isPathStyle(uri)) {
            if (parts.length < 1 || parts[0].isEmpty()) {
                throw new IllegalArgumentException(
                        option + " " + url + " names no account; a path-style (emulator) URL is"
                                + " http://127.0.0.1:<port>/<account>/<container>/<prefix>");
            }
            account = parts[next++];
            endpoint = scheme + "://" + uri.getRawAuthority() + "/" + account;
        } else {
            int dot = host.indexOf('.');
            account = dot > 0 ? host.substring(0, dot) : host;
            endpoint = scheme + "://" + uri.getRawAuthority();
        }
        if (parts.length <= next || parts[next].isEmpty()) {
            throw new IllegalArgumentException(
                    option + " " + url + " names no container; expected " + endpoint + "/<container>/<prefix>");
        }
        String container = parts[next++];
        if (!CONTAINER_NAME.matcher(container).matches()) {
            throw new IllegalArgumentException(
                    option + " " + url + ": '" + container + "' is not a valid container name"
                            + " (3-63 characters: lower-case letters, digits and single hyphens)");
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = next; i < parts.length; i++) {
            prefix.append(parts[i]).append('/');
        }
        String virtualDirectory = prefix.toString();
        // ".../docs/" splits into "docs" and "": drop the trailing empty segment's extra slash
        while (virtualDirectory.endsWith("//")) {
            virtualDirectory = virtualDirectory.substring(0, virtualDirectory.length() - 1);
        }
        if (virtualDirectory.equals("/")) {
            virtualDirectory = "";
        }
        return new BlobLocation(endpoint, account, container, virtualDirectory);
    }

    /** The URL up to any '?': what follows may be a SAS token, which must not reach a message. */
    private static String withoutQuery(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question) + "?…";
    }

    private static boolean isPathStyle(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean ipLiteral = host.startsWith("[") || host.matches("^\\d{1,3}(\\.\\d{1,3}){3}$");
        return ipLiteral || host.equals("localhost") || uri.getPort() != -1;
    }

    /** The location as a URL people recognise; never contains credentials. */
    public String describe() {
        return endpoint + "/" + container + "/" + prefix;
    }

    /**
     * The URL of a blob in this location's container, for people and as an item's identity: each '/'-separated
     * segment of the name is percent-encoded (spaces, '#', '%', '?', unicode) and the slashes are kept, so the URL
     * reads like a path and names exactly one blob.
     */
    public String blobUrl(String blobName) {
        StringBuilder url =
                new StringBuilder(endpoint).append('/').append(container).append('/');
        String[] segments = blobName.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                url.append('/');
            }
            url.append(Utility.urlEncode(segments[i]));
        }
        return url.toString();
    }

    /** The full blob name of {@code relative} below this location's prefix. */
    public String blobName(String relative) {
        return prefix + relative;
    }
}
