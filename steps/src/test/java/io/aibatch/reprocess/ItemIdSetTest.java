package io.aibatch.reprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.aibatch.item.ItemIds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemIdSetTest {

    @Test
    void holdsExactlyTheAddedItemIdsAcrossGrowthAndDuplicates() {
        List<String> selected = new ArrayList<>();
        ItemIdSet.Builder builder = new ItemIdSet.Builder();
        for (int i = 0; i < 5_000; i++) {
            String id = ItemIds.fromSource("https://acct.blob.core.windows.net/in/doc-" + i + ".pdf");
            if (i % 3 == 0) {
                selected.add(id);
                builder.add(id).add(id);
            }
        }
        ItemIdSet set = builder.build();

        assertThat(set.size()).isEqualTo(selected.size());
        for (int i = 0; i < 5_000; i++) {
            String id = ItemIds.fromSource("https://acct.blob.core.windows.net/in/doc-" + i + ".pdf");
            assertThat(set.contains(id)).as("doc-" + i).isEqualTo(i % 3 == 0);
        }
    }

    @Test
    void idsNotMadeByItemIdsAreMatchedExactlyToo() {
        ItemIdSet set = new ItemIdSet.Builder()
                .add("legacy-id-1")
                .add("ABCDEF0123456789abcdef0123456789")
                .build();

        assertThat(set.contains("legacy-id-1")).isTrue();
        assertThat(set.contains("legacy-id-2")).isFalse();
        assertThat(set.contains("abcdef0123456789abcdef0123456789"))
                .as("hex is case-insensitive")
                .isTrue();
        assertThat(new ItemIdSet.Builder().build().contains("anything")).isFalse();
    }
}
