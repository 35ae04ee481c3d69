package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code -Dbench.loadIndexes}: keep or rebuild, rebuild when unset, anything else refused. */
class TicketLoaderIndexModeTest {
    @Test
    void keepAndRebuildChooseAndUnsetRebuilds() {
        assertThat(TicketLoader.rebuildIndexes("keep")).isFalse();
        assertThat(TicketLoader.rebuildIndexes("rebuild")).isTrue();
        assertThat(TicketLoader.rebuildIndexes(null)).isTrue();
    }

    @Test
    void anyOtherValueIsRefusedNamingThePropertyAndItsValues() {
        for (String wrong : new String[] {"Rebuild", "drop", ""}) {
            assertThatThrownBy(() -> TicketLoader.rebuildIndexes(wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bench.loadIndexes").hasMessageContaining("keep|rebuild").hasMessageContaining("'" + wrong + "'");
        }
    }
}
