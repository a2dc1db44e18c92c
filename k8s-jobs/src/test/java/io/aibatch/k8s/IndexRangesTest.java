package io.aibatch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IndexRangesTest {

    @Test
    void readsSinglesAndRanges() {
        assertThat(IndexRanges.parse("0,2-4,7")).containsExactly(0, 2, 3, 4, 7);
        assertThat(IndexRanges.parse("5")).containsExactly(5);
    }

    @Test
    void absentMeansNone() {
        assertThat(IndexRanges.parse(null)).isEmpty();
        assertThat(IndexRanges.parse("")).isEmpty();
    }

    @Test
    void malformedListsAreNamed() {
        assertThatThrownBy(() -> IndexRanges.parse("1,x"))
                .hasMessage("'x' in index list '1,x' is neither an index nor a range like 2-4");
        assertThatThrownBy(() -> IndexRanges.parse("4-2")).hasMessageContaining("runs backwards");
    }
}
