package io.aibatch.runtime;

import io.aibatch.sink.FileResultSink;
import io.aibatch.sink.ResultSink;
import io.aibatch.sink.cosmos.CosmosLocation;
import io.aibatch.sink.cosmos.CosmosResultSink;
import io.aibatch.sink.cosmos.CosmosSettings;
import io.aibatch.store.OutputStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Picks a run's result sink from {@code --output}: {@code cosmos://db/container} writes to Cosmos DB, anything
 * else to {@code results/} files. One Cosmos client per container is shared by every slice in this JVM (clients
 * are heavy: connection pools, metadata caches) and closed with the application context.
 */
@Component
public class ResultSinks implements DisposableBean {

    private final AibatchProperties properties;
    private final Map<CosmosLocation, CosmosResultSink> cosmos = new ConcurrentHashMap<>();

    public ResultSinks(AibatchProperties properties) {
        this.properties = properties;
    }

    public ResultSink forRun(RunParameters run, OutputStore files) {
        if (!CosmosLocation.matches(run.output())) {
            return new FileResultSink(files);
        }
        CosmosLocation location = CosmosLocation.parse(run.output());
        return cosmos.computeIfAbsent(
                location,
                l -> CosmosResultSink.open(
                        l,
                        CosmosSettings.resolve(
                                properties.cosmos().endpoint(),
                                properties.cosmos().key(),
                                properties.cosmos().partitionKeyPath(),
                                properties.cosmos().throughput())));
    }

    @Override
    public void destroy() {
        cosmos.values().forEach(CosmosResultSink::close);
        cosmos.clear();
    }
}
