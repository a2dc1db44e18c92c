package io.aibatch.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Which credential the clients use; no test here ever asks DefaultAzureCredential for a token (it would leave the machine). */
class BlobClientsTest {

    @Test
    void theSystemPropertyWinsThenTheEnvironmentThenDefaultAzureCredential() {
        String saved = System.getProperty(BlobClients.CONNECTION_STRING_PROPERTY);
        try {
            System.setProperty(
                    BlobClients.CONNECTION_STRING_PROPERTY,
                    "AccountName=x;AccountKey=c2VjcmV0;BlobEndpoint=http://127.0.0.1:1/x;");
            assertThat(BlobClients.credentialMode())
                    .isEqualTo("connection string from system property aibatch.blob.connection-string")
                    .doesNotContain("c2VjcmV0");

            System.clearProperty(BlobClients.CONNECTION_STRING_PROPERTY);
            assumeTrue(
                    System.getenv(BlobClients.CONNECTION_STRING_ENV) == null,
                    "AZURE_STORAGE_CONNECTION_STRING is set here");
            assertThat(BlobClients.credentialMode()).isEqualTo("DefaultAzureCredential");
        } finally {
            if (saved != null) {
                System.setProperty(BlobClients.CONNECTION_STRING_PROPERTY, saved);
            } else {
                System.clearProperty(BlobClients.CONNECTION_STRING_PROPERTY);
            }
        }
    }
}
