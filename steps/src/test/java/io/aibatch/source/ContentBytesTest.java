package io.aibatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class ContentBytesTest {

    private static final byte[] TEN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void readsTheContentWhetherItKeptShrankOrGrewSincePlanning() throws Exception {
        assertThat(ContentBytes.read(new ByteArrayInputStream(TEN), 10, 101)).isEqualTo(TEN);
        assertThat(ContentBytes.read(new ByteArrayInputStream(TEN), 12, 101)).isEqualTo(TEN);
        assertThat(ContentBytes.read(new ByteArrayInputStream(TEN), 4, 101)).isEqualTo(TEN);
        assertThat(ContentBytes.read(new ByteArrayInputStream(TEN), 0, 101)).isEqualTo(TEN);
    }

    @Test
    void stopsAtTheLimitSoThatGrowthPastItIsSeen() throws Exception {
        assertThat(ContentBytes.read(new ByteArrayInputStream(TEN), 4, 7))
                .hasSize(7)
                .startsWith(0, 1, 2, 3, 4, 5, 6);
        assertThat(ContentBytes.read(new ByteArrayInputStream(TEN), 10, 7)).hasSize(7);
    }
}
