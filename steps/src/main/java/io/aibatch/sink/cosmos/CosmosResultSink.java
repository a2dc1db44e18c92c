package io.aibatch.sink.cosmos;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.ThrottlingRetryOptions;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyBuilder;
import com.azure.cosmos.models.ThroughputProperties;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.aibatch.json.Json;
import io.aibatch.sink.ResultSink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import tools.jackson.core.type.TypeReference;

/**
 * Results as Cosmos DB items, one per result, with the result's deterministic id as the item id: a chunk written
 * again after a crash upserts the same items, so the container holds every result exactly once. Each chunk is one
 * bulk request (executeBulkOperations). Throttled operations (429) are sent again after the server's
 * retry-after, a bounded number of times; the SDK itself already retries 429s within its own budget.
 * <p>
 * With the partition key {@code /id}, results that an uncommitted attempt wrote for items that are dead-lettered
 * when the chunk is redone are deleted. With another partition key their old partition is unknown and they stay
 * (rare: an item must succeed, the process die before the commit, and the same item then fail).
 */
public final class CosmosResultSink implements ResultSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CosmosResultSink.class);
    /** Cosmos DB's item limit is 2 MB; a document's text is cut so that its result fits. */
    static final int MAX_ITEM_BYTES = 1_900_000;

    static final int MAX_THROTTLED_ROUNDS = 10;

    private final CosmosAsyncClient client;
    private final CosmosAsyncContainer container;
    private final CosmosLocation location;
    private final String[] partitionKeyPath;

    private CosmosResultSink(
            CosmosAsyncClient client,
            CosmosAsyncContainer container,
            CosmosLocation location,
            String partitionKeyPath) {
        this.client = client;
        this.container = container;
        this.location = location;
        this.partitionKeyPath = partitionKeyPath.substring(1).split("/");
    }

    /** Connects, and creates the database and the container when they are missing. */
    public static CosmosResultSink open(CosmosLocation location, CosmosSettings settings) {
        CosmosClientBuilder builder = new CosmosClientBuilder()
                .endpoint(settings.endpoint())
                .gatewayMode()
                .contentResponseOnWriteEnabled(false)
                .throttlingRetryOptions(new ThrottlingRetryOptions()
                        .setMaxRetryAttemptsOnThrottledRequests(9)
                        .setMaxRetryWaitTime(Duration.ofSeconds(30)));
        if (settings.key() != null && !settings.key().isBlank()) {
            builder.key(settings.key());
        } else {
            builder.credential(new DefaultAzureCredentialBuilder().build());
        }
        CosmosAsyncClient client = builder.buildAsyncClient();
        try {
            client.createDatabaseIfNotExists(location.database()).block();
            CosmosAsyncDatabase database = client.getDatabase(location.database());
            CosmosContainerProperties properties =
                    new CosmosContainerProperties(location.container(), settings.partitionKeyPath());
            if (settings.throughput() > 0) {
                database.createContainerIfNotExists(
                                properties, ThroughputProperties.createManualThroughput(settings.throughput()))
                        .block();
            } else {
                database.createContainerIfNotExists(properties).block();
            }
            CosmosAsyncContainer container = database.getContainer(location.container());
            String actualPath = container
                    .read()
                    .block()
                    .getProperties()
                    .getPartitionKeyDefinition()
                    .getPaths()
                    .get(0);
            if (!actualPath.equals(settings.partitionKeyPath())) {
                log.warn(
                        "container {} exists with partition key {}, not the configured {}; using {}",
                        location,
                        actualPath,
                        settings.partitionKeyPath(),
                        actualPath);
            }
            return new CosmosResultSink(client, container, location, actualPath);
        } catch (RuntimeException e) {
            client.close();
            throw new IllegalStateException(
                    "could not open " + location + " at " + settings.endpoint() + ": " + e.getMessage()
                            + "; check the endpoint, the key (" + CosmosSettings.KEY_ENV
                            + ") or the identity's data-plane role",
                    e);
        }
    }

    @Override
    public String describe() {
        return location.toString();
    }

    public CosmosAsyncContainer container() {
        return container;
    }

    @Override
    public Written write(String chunkName, List<Object> results, List<String> deadLetteredIds) throws IOException {
        List<CosmosItemOperation> operations = new ArrayList<>();
        for (Object result : results) {
            Map<String, Object> item = asItem(result);
            operations.add(CosmosBulkOperations.getUpsertItemOperation(item, partitionKey(item)));
        }
        if (partitionKeyPath.length == 1 && partitionKeyPath[0].equals("id")) {
            for (String id : deadLetteredIds) {
                operations.add(CosmosBulkOperations.getDeleteItemOperation(id, new PartitionKey(id)));
            }
        }
        double charge = 0;
        for (int round = 1; !operations.isEmpty(); round++) {
            List<CosmosItemOperation> throttled = new ArrayList<>();
            Duration wait = Duration.ZERO;
            List<String> failures = new ArrayList<>();
            for (CosmosBulkOperationResponse<Object> response : container
                    .<Object>executeBulkOperations(Flux.fromIterable(operations))
                    .collectList()
                    .block()) {
                if (response.getResponse() != null) {
                    charge += response.getResponse().getRequestCharge();
                }
                int status = response.getResponse() == null
                        ? 0
                        : response.getResponse().getStatusCode();
                boolean deleteOfMissing = status == 404
                        && response.getOperation().getOperationType().name().equals("DELETE");
                if (status == 429) {
                    throttled.add(response.getOperation());
                    Duration retryAfter = response.getResponse().getRetryAfterDuration();
                    wait = retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
                } else if ((status < 200 || status >= 300) && !deleteOfMissing) {
                    failures.add(response.getOperation().getOperationType() + " "
                            + response.getOperation().getId() + ": "
                            + (response.getException() != null
                                    ? response.getException().getMessage()
                                    : "HTTP " + status));
                }
            }
            if (!failures.isEmpty()) {
                throw new IOException("Cosmos DB refused " + failures.size() + " of the operations of chunk "
                        + chunkName + " in " + location + ", e.g. " + failures.get(0));
            }
            if (!throttled.isEmpty() && round == MAX_THROTTLED_ROUNDS) {
                throw new IOException("Cosmos DB kept throttling " + throttled.size() + " operations of chunk "
                        + chunkName + " in " + location + " after " + round
                        + " rounds; raise the container's throughput or lower aibatch.partitions");
            }
            if (!throttled.isEmpty()) {
                log.info(
                        "{} operations of {} throttled by {}; sending them again in {} ms",
                        throttled.size(),
                        chunkName,
                        location,
                        wait.toMillis());
                sleep(wait.isZero() ? Duration.ofMillis(100) : wait);
            }
            operations = throttled;
        }
        return new Written(charge);
    }

    /** Upserts replace by id: nothing an uncommitted attempt wrote needs removing before the chunk is written again. */
    @Override
    public void removeUncommitted(String slicePrefix, String firstUncommittedChunk) {}

    private Map<String, Object> asItem(Object result) {
        Map<String, Object> item =
                Json.MAPPER.convertValue(result, new TypeReference<LinkedHashMap<String, Object>>() {});
        if (!(item.get("id") instanceof String)) {
            throw new IllegalArgumentException(
                    "a result written to Cosmos DB needs a string id; got " + item.get("id"));
        }
        int size = Json.MAPPER.writeValueAsBytes(item).length;
        if (size > MAX_ITEM_BYTES && item.get("text") instanceof String text) {
            int keep = Math.max(0, text.length() - (size - MAX_ITEM_BYTES) - 1024);
            item.put("text", text.substring(0, keep));
            item.put("textTruncated", true);
        }
        return item;
    }

    @SuppressWarnings("unchecked")
    private PartitionKey partitionKey(Map<String, Object> item) {
        Object value = item;
        for (String segment : partitionKeyPath) {
            value = value instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(segment) : null;
        }
        if (value == null) {
            return new PartitionKeyBuilder().addNullValue().build();
        }
        if (value instanceof Number number) {
            return new PartitionKeyBuilder().add(number.doubleValue()).build();
        }
        if (value instanceof Boolean bool) {
            return new PartitionKeyBuilder().add(bool).build();
        }
        return new PartitionKey(value.toString());
    }

    private static void sleep(Duration wait) throws IOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting out Cosmos DB throttling", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
