package dev.oakit.ticket.sla;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.oakit.ticket.sla.SlaEvent.agentReplied;
import static dev.oakit.ticket.sla.SlaEvent.closed;
import static dev.oakit.ticket.sla.SlaEvent.created;
import static dev.oakit.ticket.sla.SlaEvent.dueOverridden;
import static dev.oakit.ticket.sla.SlaEvent.internalNote;
import static dev.oakit.ticket.sla.SlaEvent.policyChanged;
import static dev.oakit.ticket.sla.SlaEvent.priorityChanged;
import static dev.oakit.ticket.sla.SlaEvent.reopened;
import static dev.oakit.ticket.sla.SlaEvent.requesterReplied;
import static dev.oakit.ticket.sla.SlaEvent.resolved;
import static dev.oakit.ticket.sla.SlaEvent.stateChanged;
import static dev.oakit.ticket.sla.SlaFixture.CLOCK;
import static dev.oakit.ticket.sla.SlaFixture.at;
import static dev.oakit.ticket.sla.SlaFixture.mon;
import static dev.oakit.ticket.sla.SlaTarget.FIRST_RESPONSE;
import static dev.oakit.ticket.sla.SlaTarget.NEXT_RESPONSE;
import static dev.oakit.ticket.sla.SlaTarget.RESOLUTION;
import static org.assertj.core.api.Assertions.assertThat;

/** One example per rule of the SLA clock, on Shanghai office hours 09–12, 13–18 (Monday 2026-03-02). */
class SlaClockTest {

    static SlaStatus status(Instant now, SlaEvent... history) {
        return CLOCK.status(List.of(history), now);
    }

    static TargetStatus status(SlaTarget target, Instant now, SlaEvent... history) {
        return status(now, history).target(target);
    }

    @Nested
    class Explanations {
        @Test
        void dueCountsWorkingTimeSkipsLunchAndAddsThePause() {
            SlaStatus s = status(mon("13:30"), created(mon("10:00"), "NORMAL", "standard"),
                    stateChanged(mon("10:20"), "pending"), stateChanged(mon("11:00"), "open"));

            TargetStatus res = s.target(RESOLUTION);
            assertThat(res.state()).isEqualTo(TargetState.RUNNING);
            assertThat(res.dueAt()).isEqualTo(mon("15:40"));
            assertThat(res.paused()).isEqualTo(Duration.ofMinutes(40));
            assertThat(res.elapsed()).isEqualTo(Duration.ofMinutes(110));
            assertThat(res.remaining()).isEqualTo(Duration.ofMinutes(130));
            assertThat(res.explain()).isEqualTo("due 15:40 because created 2026-03-02 10:00 + 4 working hours,"
                    + " 12:00–13:00 excluded, paused 40 min; running, 2 h 10 min of working time left");

            TargetStatus first = s.target(FIRST_RESPONSE);
            assertThat(first.state()).isEqualTo(TargetState.BREACHED);
            assertThat(first.explain()).isEqualTo("due 11:40 because created 2026-03-02 10:00 + 1 working hour, paused 40 min;"
                    + " breached, 50 min of working time over");

            assertThat(s.target(NEXT_RESPONSE).state()).isEqualTo(TargetState.NOT_APPLICABLE);
            assertThat(s.target(NEXT_RESPONSE).explain()).isEqualTo("not running: no requester reply is waiting for an agent's answer");
            assertThat(s.explain()).startsWith("policy 'standard', priority 'NORMAL', times in Asia/Shanghai\nFIRST_RESPONSE: due 11:40");
        }

        @Test
        void withoutPauseTheDueIsStartPlusTheTarget() {
            TargetStatus res = status(RESOLUTION, mon("10:00"), created(mon("10:00"), "NORMAL", "standard"));
            assertThat(res.dueAt()).isEqualTo(mon("15:00"));
            assertThat(res.explain()).isEqualTo("due 15:00 because created 2026-03-02 10:00 + 4 working hours, 12:00–13:00 excluded;"
                    + " running, 4 h of working time left");
        }

        @Test
        void aDueOnAnotherDayIsWrittenWithItsDateAndNightsAndWeekendsAreListed() {
            TargetStatus res = status(RESOLUTION, at("2026-03-06 16:00"), created(at("2026-03-06 16:00"), "LOW", "standard"));
            // Friday 16:00 + 16 h: Fri 2 h, Mon 8 h, Tue 6 h -> Tue 16:00
            assertThat(res.dueAt()).isEqualTo(at("2026-03-10 16:00"));
            assertThat(res.explain()).isEqualTo("due 2026-03-10 16:00 because created 2026-03-06 16:00 + 16 working hours,"
                    + " 18:00–2026-03-09 09:00, 2026-03-09 12:00–13:00, 2026-03-09 18:00–2026-03-10 09:00"
                    + " and 1 more non-working periods excluded; running, 16 h of working time left");
        }
    }

    @Nested
    class Pauses {
        @Test
        void aPausingStateStopsTheClockAndTheDueMovesWithThePausedWorkingTime() {
            TargetStatus res = status(RESOLUTION, mon("10:40"), created(mon("10:00"), "NORMAL", "standard"),
                    stateChanged(mon("10:20"), "pending"));
            assertThat(res.state()).isEqualTo(TargetState.PAUSED);
            assertThat(res.dueAt()).isEqualTo(mon("15:20"));
            assertThat(res.elapsed()).isEqualTo(Duration.ofMinutes(20));
            assertThat(res.explain()).endsWith("paused 20 min; paused since 10:20 (state 'pending'),"
                    + " 3 h 40 min of working time left when it resumes");
        }

        @Test
        void pausedNonWorkingTimeDoesNotMoveTheDue() {
            TargetStatus res = status(RESOLUTION, mon("14:00"), created(mon("10:00"), "NORMAL", "standard"),
                    stateChanged(mon("12:10"), "pending"), stateChanged(mon("12:50"), "open"));
            assertThat(res.paused()).isZero();
            assertThat(res.dueAt()).isEqualTo(mon("15:00"));
        }

        @Test
        void aManualDueIsNotMovedByPauses() {
            SlaEvent[] history = {created(mon("10:00"), "NORMAL", "standard"), dueOverridden(mon("10:05"), RESOLUTION, mon("16:00")),
                    stateChanged(mon("10:20"), "pending"), stateChanged(mon("11:00"), "open")};
            TargetStatus res = status(RESOLUTION, mon("13:30"), history);
            assertThat(res.dueAt()).isEqualTo(mon("16:00"));
            assertThat(res.manualDue()).isTrue();
            assertThat(res.paused()).isEqualTo(Duration.ofMinutes(40));
            assertThat(res.explain()).isEqualTo("due 16:00 because set by hand at 10:05 (pauses do not move it);"
                    + " clock started: created 2026-03-02 10:00, paused 40 min; running, 2 h 30 min of working time left");

            TargetStatus whilePaused = status(RESOLUTION, mon("10:40"), history[0], history[1], history[2]);
            assertThat(whilePaused.state()).isEqualTo(TargetState.PAUSED);
            assertThat(whilePaused.dueAt()).isEqualTo(mon("16:00"));

            TargetStatus cleared = status(RESOLUTION, mon("13:30"), history[0], history[1], history[2], history[3],
                    dueOverridden(mon("13:00"), RESOLUTION, null));
            assertThat(cleared.dueAt()).isEqualTo(mon("15:40"));
            assertThat(cleared.manualDue()).isFalse();
        }
    }

    @Nested
    class Responses {
        @Test
        void theFirstPublicAgentReplyMeetsTheFirstResponseAnInternalNoteDoesNot() {
            SlaEvent c = created(mon("10:00"), "NORMAL", "standard");
            assertThat(status(FIRST_RESPONSE, mon("10:20"), c, internalNote(mon("10:10"))).state()).isEqualTo(TargetState.RUNNING);

            TargetStatus met = status(FIRST_RESPONSE, mon("13:00"), c, internalNote(mon("10:10")), agentReplied(mon("10:30")));
            assertThat(met.state()).isEqualTo(TargetState.MET);
            assertThat(met.metAt()).isEqualTo(mon("10:30"));
            assertThat(met.breached()).isFalse();
            assertThat(met.elapsed()).isEqualTo(Duration.ofMinutes(30));
            assertThat(met.explain()).isEqualTo("due 11:00 because created 2026-03-02 10:00 + 1 working hour; met at 10:30");
        }

        @Test
        void nextResponseStartsAtARequesterReplyAfterAnAgentReplyAndRestartsEachTime() {
            SlaEvent c = created(mon("10:00"), "NORMAL", "standard");
            SlaEvent early = requesterReplied(mon("10:05"));
            SlaEvent agent = agentReplied(mon("10:30"));
            SlaEvent asks = requesterReplied(mon("11:00"));

            assertThat(status(NEXT_RESPONSE, mon("10:20"), c, early).state()).isEqualTo(TargetState.NOT_APPLICABLE);

            TargetStatus running = status(NEXT_RESPONSE, mon("11:30"), c, early, agent, asks, requesterReplied(mon("11:20")));
            assertThat(running.state()).isEqualTo(TargetState.RUNNING);
            assertThat(running.startedAt()).isEqualTo(mon("11:00"));
            assertThat(running.dueAt()).isEqualTo(mon("14:00"));
            assertThat(running.explain()).isEqualTo("due 14:00 because requester replied 2026-03-02 11:00 + 2 working hours,"
                    + " 12:00–13:00 excluded; running, 1 h 30 min of working time left");

            SlaEvent answer = agentReplied(mon("13:30"));
            assertThat(status(NEXT_RESPONSE, mon("14:30"), c, agent, asks, answer).state()).isEqualTo(TargetState.MET);

            TargetStatus again = status(NEXT_RESPONSE, mon("15:10"), c, agent, asks, answer, requesterReplied(mon("15:00")));
            assertThat(again.state()).isEqualTo(TargetState.RUNNING);
            assertThat(again.startedAt()).isEqualTo(mon("15:00"));
            assertThat(again.dueAt()).isEqualTo(mon("17:00"));
        }
    }

    @Nested
    class Resolution {
        @Test
        void resolvedMeetsTheResolutionLateMeansBreached() {
            TargetStatus late = status(RESOLUTION, mon("17:00"), created(mon("10:00"), "NORMAL", "standard"), resolved(mon("16:00")));
            assertThat(late.state()).isEqualTo(TargetState.MET);
            assertThat(late.breached()).isTrue();
            assertThat(late.metAt()).isEqualTo(mon("16:00"));
            assertThat(late.explain()).endsWith("; met at 16:00, after the due (1 h of working time late)");

            TargetStatus first = status(FIRST_RESPONSE, mon("17:00"), created(mon("10:00"), "NORMAL", "standard"), resolved(mon("10:40")));
            assertThat(first.state()).as("a resolution answers the requester").isEqualTo(TargetState.MET);
        }

        @Test
        void reopenWithResumeKeepsTheElapsedTime() {
            TargetStatus res = status(RESOLUTION, mon("15:00"), created(mon("10:00"), "NORMAL", "standard"),
                    resolved(mon("11:00")), reopened(mon("14:00")));
            assertThat(res.state()).isEqualTo(TargetState.RUNNING);
            assertThat(res.paused()).isEqualTo(Duration.ofHours(2));
            assertThat(res.elapsed()).isEqualTo(Duration.ofHours(2));
            assertThat(res.dueAt()).isEqualTo(mon("17:00"));
            assertThat(res.explain()).isEqualTo("due 17:00 because created 2026-03-02 10:00 + 4 working hours, 12:00–13:00 excluded,"
                    + " paused 2 h, reopened at 14:00 (RESUME: the time since the resolution counts as paused);"
                    + " running, 2 h of working time left");
        }

        @Test
        void reopenWithRestartStartsAFreshClock() {
            TargetStatus res = status(RESOLUTION, mon("15:00"), created(mon("10:00"), "NORMAL", "restarting"),
                    dueOverridden(mon("10:10"), RESOLUTION, mon("10:30")), resolved(mon("11:00")), reopened(mon("14:00")));
            assertThat(res.startedAt()).isEqualTo(mon("14:00"));
            assertThat(res.dueAt()).isEqualTo(mon("18:00"));
            assertThat(res.breached()).as("the breach of the first clock is history").isFalse();
            assertThat(res.explain()).isEqualTo("due 18:00 because reopened 2026-03-02 14:00 + 4 working hours;"
                    + " running, 3 h of working time left");
        }

        @Test
        void closingStopsEveryClock() {
            SlaEvent c = created(mon("10:00"), "NORMAL", "standard");
            TargetStatus early = status(RESOLUTION, mon("17:00"), c, closed(mon("10:30")));
            assertThat(early.state()).isEqualTo(TargetState.NOT_APPLICABLE);
            assertThat(early.explain()).endsWith("; stopped by the close at 10:30 before it was met");

            TargetStatus late = status(RESOLUTION, mon("17:00"), c, closed(mon("16:00")));
            assertThat(late.state()).isEqualTo(TargetState.BREACHED);
            assertThat(late.explain()).endsWith("; breached, stopped by the close at 16:00");
        }
    }

    @Nested
    class Changes {
        @Test
        void aPriorityChangeRetargetsFromTheOriginalStart() {
            TargetStatus res = status(RESOLUTION, mon("11:00"), created(mon("10:00"), "NORMAL", "standard"),
                    priorityChanged(mon("10:30"), "HIGH"));
            assertThat(res.workingTime()).isEqualTo(Duration.ofHours(2));
            assertThat(res.dueAt()).isEqualTo(mon("12:00"));
            assertThat(res.explain()).isEqualTo("due 12:00 because created 2026-03-02 10:00 + 2 working hours,"
                    + " priority changed to 'HIGH' at 10:30; running, 1 h of working time left");

            TargetStatus noTarget = status(FIRST_RESPONSE, mon("11:00"), created(mon("10:00"), "NORMAL", "standard"),
                    priorityChanged(mon("10:30"), "LOW"));
            assertThat(noTarget.state()).isEqualTo(TargetState.NOT_APPLICABLE);
            assertThat(noTarget.explain()).isEqualTo("policy 'standard' has no FIRST_RESPONSE target for priority 'LOW'");
        }

        @Test
        void aShorterTargetDuringAPauseBreachesWhenTheWorkingTimeUsedExceedsIt() {
            SlaEvent[] history = {created(mon("10:00"), "NORMAL", "standard"), stateChanged(mon("10:45"), "pending"),
                    priorityChanged(mon("11:00"), "HIGH")};
            TargetStatus first = status(FIRST_RESPONSE, mon("11:30"), history);
            assertThat(first.state()).isEqualTo(TargetState.BREACHED);
            assertThat(first.explain()).endsWith("; breached, 15 min of working time over");

            TargetStatus res = status(RESOLUTION, mon("11:30"), history);
            assertThat(res.state()).isEqualTo(TargetState.PAUSED);
            assertThat(res.remaining()).isEqualTo(Duration.ofMinutes(75));
        }

        @Test
        void aPolicyChangeKeepsThePauseAlreadyCounted() {
            TargetStatus res = status(RESOLUTION, mon("13:30"), created(mon("10:00"), "NORMAL", "standard"),
                    stateChanged(mon("10:20"), "pending"), stateChanged(mon("11:00"), "open"), policyChanged(mon("11:30"), "vendor"));
            assertThat(res.paused()).isEqualTo(Duration.ofMinutes(40));
            // 8 h 40 min from Monday 10:00: 7 h on Monday, 1 h 40 min on Tuesday
            assertThat(res.dueAt()).isEqualTo(at("2026-03-03 10:40"));
            assertThat(res.explain()).contains("paused 40 min, policy changed to 'vendor' at 11:30");
        }

        @Test
        void aStateThatPausesOnlyUnderTheNewPolicyPausesFromTheChange() {
            TargetStatus res = status(RESOLUTION, mon("11:30"), created(mon("10:00"), "NORMAL", "standard"),
                    stateChanged(mon("10:30"), "waiting-for-vendor"), policyChanged(mon("11:00"), "vendor"));
            assertThat(res.state()).isEqualTo(TargetState.PAUSED);
            assertThat(res.paused()).isEqualTo(Duration.ofMinutes(30));
        }

        @Test
        void noPolicyMeansNoClock() {
            SlaStatus s = status(mon("11:00"), created(mon("10:00"), "NORMAL", null));
            assertThat(s.targets().values()).allMatch(t -> t.state() == TargetState.NOT_APPLICABLE);
            assertThat(s.target(RESOLUTION).explain()).isEqualTo("no SLA policy applies");
            assertThat(s.explain()).startsWith("no SLA policy\n");
        }

        @Test
        void eventsAfterTheEvaluationInstantAreIgnored() {
            assertThat(status(RESOLUTION, mon("11:00"), created(mon("10:00"), "NORMAL", "standard"), resolved(mon("12:00"))).state())
                    .isEqualTo(TargetState.RUNNING);
        }
    }
}
