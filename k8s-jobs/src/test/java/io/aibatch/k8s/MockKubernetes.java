package io.aibatch.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.HashMap;

/**
 * fabric8's mock API server in CRUD mode. It is not a real API server: no controller runs, no pods
 * appear and nothing is defaulted, so tests write Job status themselves. The one addition: a pod's
 * log endpoint answers "log of pod NAME container CONTAINER", which the CRUD dispatcher cannot serve.
 */
final class MockKubernetes implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    MockKubernetes() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new PodLogAwareDispatcher(), false);
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

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private static final class PodLogAwareDispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse handleGet(String path) {
            // /api/v1/namespaces/{ns}/pods/{name}/log?container=worker
            String[] pathAndQuery = path.split("\\?", 2);
            if (pathAndQuery[0].matches("/api/v1/namespaces/[^/]+/pods/[^/]+/log")) {
                String[] segments = pathAndQuery[0].split("/");
                String container = pathAndQuery.length > 1 ? pathAndQuery[1].replaceAll(".*container=([^&]*).*", "$1") : "";
                return new MockResponse().setResponseCode(200)
                        .setBody("log of pod " + segments[6] + " container " + container + "\n");
            }
            return super.handleGet(path);
        }
    }
}
