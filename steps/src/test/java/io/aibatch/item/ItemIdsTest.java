package io.aibatch.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ItemIdsTest {

    /** SHA-256("abc") is the FIPS 180-2 example ba7816bf…; an id is its first 128 bits. */
    @Test
    void anIdIsTheFirst128BitsOfTheSourcesSha256() {
        assertThat(ItemIds.fromSource("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223");
        assertThat(ItemIds.sha256Hex("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    /** Each thread has its digest: ids made on many threads at once are those made one by one. */
    @Test
    void idsMadeOnManyThreadsAtOnceAreTheSame() {
        List<String> sequential = IntStream.range(0, 20_000)
                .mapToObj(i -> ItemIds.fromSource("file#L" + i))
                .toList();
        List<String> parallel = IntStream.range(0, 20_000)
                .parallel()
                .mapToObj(i -> ItemIds.fromSource("file#L" + i))
                .toList();
        assertThat(parallel).isEqualTo(sequential);
    }
}
