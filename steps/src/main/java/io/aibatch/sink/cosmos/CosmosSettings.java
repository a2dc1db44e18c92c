package io.aibatch.sink.cosmos;

/**
 * How to reach Cosmos DB.
 *
 * @param endpoint         account endpoint, e.g. {@code https://my-account.documents.azure.com:443/}
 * @param key              account key, or blank for DefaultAzureCredential (Workload Identity); never logged
 * @param partitionKeyPath e.g. {@code /id} (default) or {@code /category}; used when the run creates the container
 * @param throughput       RU/s for a container the run creates, or 0 to set none (serverless accounts, shared database throughput)
 */
public record CosmosSettings(String endpoint, String key, String partitionKeyPath, int throughput) {

    public static final String ENDPOINT_ENV = "AZURE_COSMOS_ENDPOINT";
    public static final String KEY_ENV = "AZURE_COSMOS_KEY";

    public CosmosSettings {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException(
                    "a cosmos:// output needs the account endpoint: set aibatch.cosmos.endpoint or " + ENDPOINT_ENV);
        }
        // the key comes from aibatch.cosmos.key or AZURE_COSMOS_KEY, never from the URL
        io.aibatch.engine.BackendEndpoints.check("aibatch.cosmos.endpoint (or " + ENDPOINT_ENV + ")", endpoint);
        if (partitionKeyPath == null || !partitionKeyPath.matches("(/[^/]+)+")) {
            throw new IllegalArgumentException(
                    "aibatch.cosmos.partition-key-path must be a path such as /id or /category but was '"
                            + partitionKeyPath + "'");
        }
    }

    /** Configuration first, then the environment for what it leaves blank. */
    public static CosmosSettings resolve(
            String configuredEndpoint, String configuredKey, String partitionKeyPath, int throughput) {
        String endpoint = configuredEndpoint == null || configuredEndpoint.isBlank()
                ? System.getenv(ENDPOINT_ENV)
                : configuredEndpoint;
        String key = configuredKey == null || configuredKey.isBlank() ? System.getenv(KEY_ENV) : configuredKey;
        return new CosmosSettings(endpoint, key, partitionKeyPath, throughput);
    }

    @Override
    public String toString() {
        return "CosmosSettings[endpoint=" + endpoint + ", key="
                + (key == null || key.isBlank() ? "(none: Azure identity)" : "****") + ", partitionKeyPath="
                + partitionKeyPath + ", throughput=" + throughput + "]";
    }
}
