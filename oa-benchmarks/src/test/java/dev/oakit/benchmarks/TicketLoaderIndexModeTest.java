package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code -Dbench.loadIndexes}: keep or rebuild, the database's default when unset, anything else refused. */
class TicketLoaderIndexModeTest {
    @Test
    void keepAndRebuildChooseAndUnsetTakesTheDatabasesDefault() {
        assertThat(TicketLoader.rebuildIndexes("keep", true)).isFalse();
        assertThat(TicketLoader.rebuildIndexes("rebuild", false)).isTrue();
        assertThat(TicketLoader.rebuildIndexes(null, true)).isTrue();
        assertThat(TicketLoader.rebuildIndexes(null, false)).isFalse();
    }

    @Test
    void anyOtherValueIsRefusedNamingThePropertyAndItsValues() {
        for (String wrong : new String[] {"Rebuild", "drop", ""}) {
            assertThatThrownBy(() -> TicketLoader.rebuildIndexes(wrong, true)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bench.loadIndexes").hasMessageContaining("keep|rebuild").hasMessageContaining("'" + wrong + "'");
        }
    }
}
