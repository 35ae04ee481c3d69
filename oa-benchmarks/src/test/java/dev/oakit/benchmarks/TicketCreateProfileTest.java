package dev.oakit.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CPU mode of the create profile: a line per block of OAKit and floor creates, then the medians. */
class TicketCreateProfileTest {
    static final String NUM = "\\d+(\\.\\d+)?";

    @Test
    void cpuModePrintsTheCpuAndBytesPerCreateOfEachBlockAndTheirMedians() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            TicketCreateProfile.run(new String[]{"tickets=300", "passes=0", "cpu=4", "blocks=3"}, out);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("cpu ")).toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).allSatisfy(l -> assertThat(l).matches("cpu block \\d: oakit " + NUM + " µs " + NUM + " KB, floor "
                + NUM + " µs " + NUM + " KB per create; floor/oakit=" + NUM));
        assertThat(lines.get(3)).matches("cpu per create, median of 3 blocks of 4: oakit " + NUM + " µs \\(" + NUM + " KB\\), floor "
                + NUM + " µs \\(" + NUM + " KB\\); floor/oakit=" + NUM);
        assertThat(lines.get(3)).doesNotContain("oakit 0 µs").doesNotContain("floor 0 µs");
    }

    @Test
    void anUnknownSettingIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> TicketCreateProfile.run(new String[]{"cpus=4"}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cpus'").hasMessageContaining("cpu, blocks");
    }
}
