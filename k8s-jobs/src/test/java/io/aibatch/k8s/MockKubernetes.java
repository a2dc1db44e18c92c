package io.aibatch.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's mock API server in CRUD mode. It is not a real API server: no controller runs, no pods
 * appear and nothing is defaulted, so tests write Job status themselves. Two additions: a pod's log
 * endpoint answers "log of pod NAME container CONTAINER" (the CRUD dispatcher cannot serve logs), and
 * watches are recorded so a test can wait until one is registered.
 */
final class MockKubernetes implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final List<String> watchedPaths = new CopyOnWriteArrayList<>();

    MockKubernetes() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new TestDispatcher(watchedPaths), false);
        server.init();
        client = server.createClient();
    }

    KubernetesClient client() {
        return client;
    }

    /** A second, independent client: what a restarted manager process would open. */
    KubernetesClient newClient() {
        return server.createClient();
    }

    /**
     * Waits until a watch whose request names {@code resourceName} is registered. The mock server does
     * not replay events from a resourceVersion as a real API server does, so a change made between a
     * client's initial list and its watch would be lost: tests change status only after this.
     */
    void awaitWatchOn(String resourceName) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watchedPaths.stream()
                .noneMatch(path -> Arrays.asList(path.split("[?&/=,]|%3D|%2C")).contains(resourceName))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no watch on " + resourceName + " within 10 s; watches: " + watchedPaths);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private static final class TestDispatcher extends KubernetesCrudDispatcher {
        private final List<String> watchedPaths;

        TestDispatcher(List<String> watchedPaths) {
            this.watchedPaths = watchedPaths;
        }

        @Override
        public MockResponse handleWatch(String path) {
            MockResponse response = super.handleWatch(path); // registers the watch before returning
            watchedPaths.add(path);
            return response;
        }

        @Override
        public MockResponse handleGet(String path) {
            // /api/v1/namespaces/{ns}/pods/{name}/log?container=worker
            String[] pathAndQuery = path.split("\\?", 2);
            if (pathAndQuery[0].matches("/api/v1/namespaces/[^/]+/pods/[^/]+/log")) {
                String[] segments = pathAndQuery[0].split("/");
                String container =
                        pathAndQuery.length > 1 ? pathAndQuery[1].replaceAll(".*container=([^&]*).*", "$1") : "";
                return new MockResponse()
                        .setResponseCode(200)
                        .setBody("log of pod " + segments[6] + " container " + container + "\n");
            }
            return super.handleGet(path);
        }
    }
}
