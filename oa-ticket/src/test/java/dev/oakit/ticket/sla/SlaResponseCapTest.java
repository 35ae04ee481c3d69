package dev.oakit.ticket.sla;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.oakit.ticket.sla.SlaEvent.created;
import static dev.oakit.ticket.sla.SlaEvent.priorityChanged;
import static dev.oakit.ticket.sla.SlaEvent.stateChanged;
import static dev.oakit.ticket.sla.SlaFixture.CN;
import static dev.oakit.ticket.sla.SlaFixture.at;
import static dev.oakit.ticket.sla.SlaFixture.mon;
import static dev.oakit.ticket.sla.SlaTarget.FIRST_RESPONSE;
import static dev.oakit.ticket.sla.SlaTarget.RESOLUTION;
import static org.assertj.core.api.Assertions.assertThat;

/** A first-response target longer than the resolution target is capped at the resolution due, on office hours. */
class SlaResponseCapTest {
    /** NORMAL: first response 6 h but resolution 4 h (contradictory); HIGH: 30 min / 2 h (consistent). */
    static final SlaPolicy INVERTED = SlaPolicy.builder("inverted").calendar("cn")
            .targets("NORMAL", Duration.ofHours(6), Duration.ofHours(8), Duration.ofHours(4))
            .targets("HIGH", Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2))
            .targets("LOW", Duration.ofHours(20), Duration.ofHours(20), Duration.ofHours(16))
            .pausingStates("pending")
            .warningShare(0.5)
            .reopen(ReopenRule.RESUME)
            .build();
    static final SlaClock CLOCK = SlaClock.of(CN, INVERTED);

    static SlaStatus status(Instant now, SlaEvent... history) {
        return CLOCK.status(List.of(history), now);
    }

    @Test
    void theResponseIsDueWhenTheResolutionIsAndExplainSaysSo() {
        SlaStatus s = status(mon("10:00"), created(mon("10:00"), "NORMAL", "inverted"));

        TargetStatus res = s.target(RESOLUTION);
        TargetStatus first = s.target(FIRST_RESPONSE);
        assertThat(res.dueAt()).isEqualTo(mon("15:00"));
        assertThat(first.dueAt()).isEqualTo(mon("15:00"));          // not 17:00
        assertThat(first.workingTime()).isEqualTo(Duration.ofHours(4));
        assertThat(first.remaining()).isEqualTo(Duration.ofHours(4));
        assertThat(first.warningAt()).isEqualTo(mon("12:00"));       // half of 4 working hours
        assertThat(first.explain()).isEqualTo("due 15:00 because created 2026-03-02 10:00 + 4 working hours"
                + " (the policy's 6 working hours capped at the resolution target: a response is never due after the"
                + " resolution), 12:00–13:00 excluded; running, 4 h of working time left");
    }

    @Test
    void acrossNightsAndTheWeekendBothAreDueTogether() {
        // Friday 16:00 + 16 h: Fri 2 h, Mon 8 h, Tue 6 h -> Tue 16:00 (uncapped 20 h would be Wed 11:00)
        SlaStatus s = status(at("2026-03-06 16:00"), created(at("2026-03-06 16:00"), "LOW", "inverted"));
        assertThat(s.target(RESOLUTION).dueAt()).isEqualTo(at("2026-03-10 16:00"));
        assertThat(s.target(FIRST_RESPONSE).dueAt()).isEqualTo(at("2026-03-10 16:00"));
    }

    @Test
    void aPauseMovesBothDuesAlike() {
        SlaStatus s = status(mon("13:30"), created(mon("10:00"), "NORMAL", "inverted"),
                stateChanged(mon("10:20"), "pending"), stateChanged(mon("11:00"), "open"));
        assertThat(s.target(RESOLUTION).dueAt()).isEqualTo(mon("15:40"));
        assertThat(s.target(FIRST_RESPONSE).dueAt()).isEqualTo(mon("15:40"));
    }

    @Test
    void aConsistentPriorityIsNotCappedAndAChangeRecomputesTheCap() {
        SlaStatus high = status(mon("10:00"), created(mon("10:00"), "HIGH", "inverted"));
        assertThat(high.target(FIRST_RESPONSE).dueAt()).isEqualTo(mon("10:30"));
        assertThat(high.target(FIRST_RESPONSE).explain()).doesNotContain("capped");

        SlaStatus lowered = status(mon("10:10"), created(mon("10:00"), "HIGH", "inverted"),
                priorityChanged(mon("10:10"), "NORMAL"));
        assertThat(lowered.target(FIRST_RESPONSE).dueAt()).isEqualTo(mon("15:00"));
    }

    @Test
    void theResponseBreachFiresAtTheResolutionDue() {
        List<SlaFiring> firings = CLOCK.firings(List.of(created(mon("10:00"), "NORMAL", "inverted")), mon("10:00"));
        assertThat(firings).filteredOn(f -> f.target() == FIRST_RESPONSE && f.kind() == SlaFiring.Kind.BREACH)
                .extracting(SlaFiring::at).containsExactly(mon("15:00"));
    }
}
