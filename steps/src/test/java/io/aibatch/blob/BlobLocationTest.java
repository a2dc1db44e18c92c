package io.aibatch.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlobLocationTest {

    @Test
    void azureUrlsAreHostStyle() {
        BlobLocation location = BlobLocation.parse("https://acct.blob.core.windows.net/docs/2026/in", "--input");

        assertThat(location)
                .isEqualTo(new BlobLocation("https://acct.blob.core.windows.net", "acct", "docs", "2026/in/"));
        assertThat(location.describe()).isEqualTo("https://acct.blob.core.windows.net/docs/2026/in/");
        assertThat(location.blobName("a.pdf")).isEqualTo("2026/in/a.pdf");
    }

    @Test
    void emulatorUrlsArePathStyleWithTheAccountFirst() {
        BlobLocation location = BlobLocation.parse("http://127.0.0.1:10000/devstoreaccount1/out/run-1/", "--output");

        assertThat(location)
                .isEqualTo(new BlobLocation(
                        "http://127.0.0.1:10000/devstoreaccount1", "devstoreaccount1", "out", "run-1/"));
    }

    @Test
    void aContainerAloneMeansTheWholeContainer() {
        assertThat(BlobLocation.parse("https://acct.blob.core.windows.net/docs", "--input")
                        .prefix())
                .isEmpty();
        assertThat(BlobLocation.parse("https://acct.blob.core.windows.net/docs/", "--input")
                        .prefix())
                .isEmpty();
    }

    @Test
    void thePrefixIsDecodedFromItsPercentEncoding() {
        assertThat(BlobLocation.parse("https://acct.blob.core.windows.net/docs/my%20files/%C3%A9t%C3%A9", "--input")
                        .prefix())
                .isEqualTo("my files/été/");
    }

    @Test
    void aSasTokenInTheUrlIsRefusedSoItIsNeverLoggedOrStored() {
        assertThatThrownBy(() ->
                        BlobLocation.parse("https://acct.blob.core.windows.net/docs?sv=2024&sig=SECRET", "--input"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AZURE_STORAGE_CONNECTION_STRING")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void anUnparsableUrlIsExplainedWithoutWhatFollowsTheQuestionMark() {
        assertThatThrownBy(
                        () -> BlobLocation.parse("https://acct.blob.core.windows.net/docs/a b?sig=SECRET", "--input"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("percent-encode")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void missingOrInvalidContainersAreExplained() {
        assertThatThrownBy(() -> BlobLocation.parse("https://acct.blob.core.windows.net/", "--input"))
                .hasMessageContaining("names no container");
        assertThatThrownBy(() -> BlobLocation.parse("http://127.0.0.1:10000/devstoreaccount1", "--input"))
                .hasMessageContaining("names no container");
        assertThatThrownBy(() -> BlobLocation.parse("https://acct.blob.core.windows.net/My_Docs/x", "--input"))
                .hasMessageContaining("not a valid container name");
    }

    @Test
    void onlyHttpUrlsAreBlobLocations() {
        assertThat(BlobLocation.isUrl("https://acct.blob.core.windows.net/c")).isTrue();
        assertThat(BlobLocation.isUrl("HTTP://127.0.0.1:1/a/c")).isTrue();
        assertThat(BlobLocation.isUrl("/data/in")).isFalse();
        assertThat(BlobLocation.isUrl("relative/dir")).isFalse();
    }
}
