package io.aibatch.blob;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds Blob Storage clients with the credential the environment provides:
 * <ol>
 *   <li>the {@code aibatch.blob.connection-string} system property when it is set (for tests and tools that run the
 *   CLI inside their own JVM and cannot set environment variables), else</li>
 *   <li>the {@code AZURE_STORAGE_CONNECTION_STRING} environment variable when it is set (account key or
 *   {@code SharedAccessSignature=...}; Azurite's well-known key in development), else</li>
 *   <li>{@code DefaultAzureCredential}: Workload Identity on AKS, managed identity on a VM, the Azure CLI login on a
 *   workstation.</li>
 * </ol>
 * The endpoint always comes from the URL. Clients are cached per endpoint and credential: they hold connection
 * pools, and every step of a run asks for one. Connection strings are never logged or put into messages.
 */
public final class BlobClients {

    public static final String CONNECTION_STRING_ENV = "AZURE_STORAGE_CONNECTION_STRING";
    public static final String CONNECTION_STRING_PROPERTY = "aibatch.blob.connection-string";

    private static final Map<String, BlobServiceClient> CLIENTS = new ConcurrentHashMap<>();
    private static volatile TokenCredential defaultCredential;

    private BlobClients() {}

    public static BlobContainerClient container(BlobLocation location) {
        return service(location).getBlobContainerClient(location.container());
    }

    public static BlobServiceClient service(BlobLocation location) {
        String connectionString = connectionString();
        String key = location.endpoint() + '\n' + (connectionString == null ? "" : connectionString);
        return CLIENTS.computeIfAbsent(key, k -> build(location.endpoint(), connectionString));
    }

    /** Which credential mode applies, for logs: never the secret itself. */
    public static String credentialMode() {
        if (nonBlank(System.getProperty(CONNECTION_STRING_PROPERTY))) {
            return "connection string from system property " + CONNECTION_STRING_PROPERTY;
        }
        if (nonBlank(System.getenv(CONNECTION_STRING_ENV))) {
            return "connection string from " + CONNECTION_STRING_ENV;
        }
        return "DefaultAzureCredential";
    }

    private static BlobServiceClient build(String endpoint, String connectionString) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (connectionString != null) {
            // the connection string supplies the credential; the URL decides the endpoint
            builder.connectionString(connectionString);
        } else {
            builder.credential(defaultCredential());
        }
        return builder.endpoint(endpoint).buildClient();
    }

    private static TokenCredential defaultCredential() {
        TokenCredential credential = defaultCredential;
        if (credential == null) {
            synchronized (BlobClients.class) {
                if (defaultCredential == null) {
                    defaultCredential = new DefaultAzureCredentialBuilder().build();
                }
                credential = defaultCredential;
            }
        }
        return credential;
    }

    private static String connectionString() {
        String fromProperty = System.getProperty(CONNECTION_STRING_PROPERTY);
        if (nonBlank(fromProperty)) {
            return fromProperty;
        }
        String fromEnvironment = System.getenv(CONNECTION_STRING_ENV);
        return nonBlank(fromEnvironment) ? fromEnvironment : null;
    }

    private static boolean nonBlank(String value) {
        return value != null && !value.isBlank();
    }
}
