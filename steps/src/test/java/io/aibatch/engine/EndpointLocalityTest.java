package io.aibatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aibatch.engine.speech.EndpointLocality;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which endpoints count as in-cluster under {@code auto}, and the refusals built on it. */
class EndpointLocalityTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://workspace-phi-4-mini",
                "http://workspace-phi-4-mini.kaito",
                "http://workspace-phi-4-mini.kaito.svc",
                "http://workspace-phi-4-mini.kaito.svc.cluster.local",
                "http://read-ocr.models:5000",
                "http://whisper.ai.svc.cluster.local.:8000",
                "http://127.0.0.1:8080",
                "http://10.1.2.3",
                "http://172.16.0.9",
                "http://192.168.1.1",
                "http://[::1]:80",
                "http://[fd12::3]"
            })
    void clusterServiceNamesAndPrivateAddressesAreInCluster(String endpoint) {
        assertThat(EndpointLocality.of(URI.create(endpoint))).isEqualTo(Locality.IN_CLUSTER);
        assertThat(EndpointLocality.whyCloud(URI.create(endpoint))).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://my-llm.openai.azure.com",
                "https://example.com",
                "http://llm.dev",
                "http://phi.app",
                "http://localhost.evil.com",
                "http://127.0.0.1.nip.io",
                "https://8.8.8.8",
                "http://[2001:4860:4860::8888]",
                "http://0.0.0.0",
                "http://svc.ns.evil.com",
                "http://kaito.com.",
                "http://0x08080808",
                "http://134744072",
                "http://8.8.8.8.nip.io",
                "http://0x8.0x8.0x8.0x8",
                "http://[::ffff:8.8.8.8]"
            })
    void publicNamesAndAddressesAreCloud(String endpoint) {
        assertThat(EndpointLocality.of(URI.create(endpoint))).isEqualTo(Locality.CLOUD);
        assertThat(EndpointLocality.whyCloud(URI.create(endpoint))).isNotBlank();
    }

    @Test
    void aClusterLookingNameThatResolvesToAPublicAddressIsCloud() throws Exception {
        java.net.InetAddress publicAddress = java.net.InetAddress.getByAddress("openai.corp", new byte[] {20, 1, 2, 3});
        java.net.InetAddress clusterIp = java.net.InetAddress.getByAddress("phi.kaito", new byte[] {10, 0, 12, 7});
        java.net.InetAddress sharedSpace = java.net.InetAddress.getByAddress("phi.kaito", new byte[] {100, 64, 0, 9});
        assertThat(EndpointLocality.whyCloud(URI.create("http://openai.corp"), host ->
                        new java.net.InetAddress[] {clusterIp, publicAddress}))
                .isEqualTo("it resolves to 20.1.2.3, a public address");
        assertThat(EndpointLocality.whyCloud(
                        URI.create("http://phi.kaito"), host -> new java.net.InetAddress[] {clusterIp, sharedSpace}))
                .isNull();
        assertThat(EndpointLocality.whyCloud(URI.create("http://phi.kaito"), host -> {
                    throw new java.net.UnknownHostException(host);
                }))
                .isNull();
    }

    @Test
    void aCloudRoleStaysCloudOnALoopbackAddress() {
        Locality endpoint = EndpointLocality.of(URI.create("http://127.0.0.1:8080"));
        assertThat(EndpointLocality.stricter(Locality.CLOUD, endpoint)).isEqualTo(Locality.CLOUD);
        assertThat(EndpointLocality.stricter(Locality.IN_CLUSTER, endpoint)).isEqualTo(Locality.IN_CLUSTER);
        assertThat(EndpointLocality.stricter(Locality.IN_CLUSTER, Locality.CLOUD))
                .isEqualTo(Locality.CLOUD);
    }

    @Test
    void aCloudEndpointIsRefusedNamingTheOptionTheHostAndWhy() {
        URI endpoint = URI.create("https://my-llm.openai.azure.com/v1");
        assertThatThrownBy(() -> BackendEndpoints.requireInCluster(
                        "--llm-endpoint",
                        endpoint,
                        EndpointLocality.of(endpoint),
                        "--llm-locality",
                        "restricted documents"))
                .isInstanceOf(EndpointRefusedException.class)
                .hasMessageContaining("--llm-endpoint https://my-llm.openai.azure.com")
                .hasMessageContaining("host my-llm.openai.azure.com counts as cloud")
                .hasMessageContaining("DNS name outside the cluster")
                .hasMessageContaining("--llm-locality in-cluster");
        URI twoLabels = URI.create("http://phi.dev");
        assertThatThrownBy(() -> BackendEndpoints.requireInCluster(
                        "--llm-endpoint",
                        twoLabels,
                        EndpointLocality.of(twoLabels),
                        "--llm-locality",
                        "restricted documents"))
                .hasMessageContaining("'.dev' is a public top-level domain");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://user:s3cr3t-pw@127.0.0.1:8000",
                "http://127.0.0.1:8000/v1?api-key=s3cr3t-pw",
                "https://acct.documents.azure.com/?sig=s3cr3t-pw",
                "http://127.0.0.1:8000/#s3cr3t-pw"
            })
    void credentialsInAnEndpointUrlAreRefusedWithoutEchoingThem(String endpoint) {
        assertThatThrownBy(() -> BackendEndpoints.check("--ocr-endpoint", endpoint))
                .isInstanceOf(EndpointRefusedException.class)
                .hasMessageStartingWith("--ocr-endpoint ")
                .hasMessageNotContaining("s3cr3t")
                .hasMessageNotContaining("user:");
    }

    @Test
    void aPlainEndpointPasses() {
        assertThat(BackendEndpoints.check("--ocr-endpoint", "http://read-ocr.models:5000/")
                        .getHost())
                .isEqualTo("read-ocr.models");
    }
}
