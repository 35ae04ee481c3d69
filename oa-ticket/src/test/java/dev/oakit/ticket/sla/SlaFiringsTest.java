package dev.oakit.ticket.sla;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.oakit.ticket.sla.SlaEvent.agentReplied;
import static dev.oakit.ticket.sla.SlaEvent.created;
import static dev.oakit.ticket.sla.SlaEvent.dueOverridden;
import static dev.oakit.ticket.sla.SlaEvent.stateChanged;
import static dev.oakit.ticket.sla.SlaFixture.CLOCK;
import static dev.oakit.ticket.sla.SlaFixture.mon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The instants the ticket service schedules jobs for: warnings, breaches and the escalation ladder. */
class SlaFiringsTest {
    static final SlaEvent CREATED = created(mon("10:00"), "NORMAL", "standard");

    @Test
    void warningAtTheShareBreachAtTheDueAndTheLadderAroundIt() {
        List<SlaFiring> firings = CLOCK.firings(List.of(CREATED), mon("10:00"));
        assertThat(firings).extracting(SlaFiring::target, SlaFiring::kind, SlaFiring::at).containsExactly(
                tuple(SlaTarget.FIRST_RESPONSE, SlaFiring.Kind.WARNING, mon("10:48")),
                tuple(SlaTarget.FIRST_RESPONSE, SlaFiring.Kind.BREACH, mon("11:00")),
                tuple(SlaTarget.RESOLUTION, SlaFiring.Kind.WARNING, mon("14:12")),       // 80% of 4 h = 3 h 12 min
                tuple(SlaTarget.RESOLUTION, SlaFiring.Kind.ESCALATION, mon("14:30")),    // 30 working minutes before
                tuple(SlaTarget.RESOLUTION, SlaFiring.Kind.BREACH, mon("15:00")),
                tuple(SlaTarget.RESOLUTION, SlaFiring.Kind.ESCALATION, mon("15:00")),    // at the breach
                tuple(SlaTarget.RESOLUTION, SlaFiring.Kind.ESCALATION, mon("16:00")));   // one working hour after
        assertThat(firings.get(6).step().queue()).isEqualTo("second-line");
        assertThat(firings.get(3).key()).isEqualTo("RESOLUTION/ESCALATION/0/" + mon("10:00"));
    }

    @Test
    void aPausedClockHasNoFiringsAndKeepsItsKeysWhenItResumesLater() {
        List<SlaEvent> paused = List.of(CREATED, agentReplied(mon("10:10")), stateChanged(mon("10:20"), "pending"));
        assertThat(CLOCK.firings(paused, mon("10:30"))).isEmpty();

        List<SlaEvent> resumed = List.of(CREATED, agentReplied(mon("10:10")), stateChanged(mon("10:20"), "pending"),
                stateChanged(mon("11:00"), "open"));
        List<SlaFiring> before = CLOCK.firings(List.of(CREATED, agentReplied(mon("10:10"))), mon("10:10"));
        List<SlaFiring> after = CLOCK.firings(resumed, mon("11:00"));
        assertThat(after).extracting(SlaFiring::key).containsExactlyElementsOf(before.stream().map(SlaFiring::key).toList());
        assertThat(after).extracting(SlaFiring::at).containsExactly(mon("14:52"), mon("15:10"), mon("15:40"), mon("15:40"), mon("16:40"));
    }

    @Test
    void aManualDueStillFiresWhilePausedAndMetClocksNeverFire() {
        Instant due = mon("16:00");
        List<SlaEvent> history = List.of(CREATED, agentReplied(mon("10:10")), dueOverridden(mon("10:15"), SlaTarget.RESOLUTION, due),
                stateChanged(mon("10:20"), "pending"));
        List<SlaFiring> firings = CLOCK.firings(history, mon("10:30"));
        assertThat(firings).extracting(SlaFiring::target).containsOnly(SlaTarget.RESOLUTION);
        assertThat(firings).filteredOn(f -> f.kind() == SlaFiring.Kind.BREACH).extracting(SlaFiring::at).containsExactly(due);
    }
}
