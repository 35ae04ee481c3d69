package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code bench.only}: a comma list of reports, view and create; all of them when unset; any other name refused. */
class TicketMeasureTest {
    @Test
    void unsetOrBlankMeasuresEverything() {
        assertThat(TicketMeasure.parse(null)).containsExactly(TicketMeasure.values());
        assertThat(TicketMeasure.parse(" ")).containsExactly(TicketMeasure.values());
        assertThat(TicketBenchmark.Settings.from(Map.of()).only()).containsExactly(TicketMeasure.values());
    }

    @Test
    void aListChoosesWhatIsMeasured() {
        assertThat(TicketMeasure.parse("create,view")).containsExactly(TicketMeasure.VIEW, TicketMeasure.CREATE);
        assertThat(TicketMeasure.parse(" Create , VIEW ")).containsExactly(TicketMeasure.VIEW, TicketMeasure.CREATE);
        assertThat(TicketMeasure.parse("reports")).containsExactly(TicketMeasure.REPORTS);
        assertThat(TicketBenchmark.Settings.from(Map.of("bench.only", "create")).only()).containsExactly(TicketMeasure.CREATE);
    }

    @Test
    void anUnknownNameIsRefusedNamingTheSettingAndItsValues() {
        for (String wrong : new String[] {"create,reprots", "queue", ",view"}) {
            assertThatThrownBy(() -> TicketMeasure.parse(wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bench.only").hasMessageContaining("reports,view,create").hasMessageContaining("'" + wrong + "'");
        }
        assertThatThrownBy(() -> TicketBenchmark.Settings.from(Map.of("bench.only", "creates"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown measurement 'creates'");
    }
}
