package dev.oakit.ticket.sla;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.oakit.core.ValidationException;
import dev.oakit.core.calendar.BusinessCalendar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.oakit.ticket.sla.SlaFixture.CLOCK;
import static dev.oakit.ticket.sla.SlaFixture.mon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Validation of policies and histories, and the JSON form of both. */
class SlaPolicyTest {
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS).build();

    @Test
    void everyProblemOfAPolicyIsReportedWithItsFieldAndFix() {
        SlaPolicy.Builder b = SlaPolicy.builder("broken")
                .target("NORMAL", SlaTarget.RESOLUTION, Duration.ZERO)
                .warningShare(1.5)
                .escalation(new EscalationStep(SlaTarget.RESOLUTION, Duration.ZERO, EscalationAction.REASSIGN_QUEUE, null))
                .escalation(new EscalationStep(SlaTarget.RESOLUTION, null, EscalationAction.NOTIFY, "l2"));
        assertThatThrownBy(b::build).asInstanceOf(type(ValidationException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(SlaPolicy.INVALID);
                    assertThat(e.paths()).containsExactly("calendar", "targets.NORMAL.RESOLUTION", "warningShare",
                            "escalations[0].queue", "escalations[1].offset", "escalations[1].queue", "reopen");
                    assertThat(e.getMessage()).contains("must be a positive working time such as PT4H (was PT0S)",
                            "RESUME keeps the working time used before the resolution");
                });
        assertThatThrownBy(() -> SlaPolicy.builder(" ").calendar("cn").reopen(ReopenRule.RESUME).build())
                .asInstanceOf(type(ValidationException.class))
                .extracting(ValidationException::paths).isEqualTo(List.of("name", "targets"));
    }

    @Test
    void aClockChecksThatPoliciesNameKnownCalendarsAndUniqueNames() {
        BusinessCalendar other = BusinessCalendar.alwaysOpen();
        assertThatThrownBy(() -> SlaClock.of(other, SlaFixture.STANDARD, SlaFixture.STANDARD))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> {
                    assertThat(e.paths()).containsExactly("policies[0].calendar", "policies[1].name");
                    assertThat(e.getMessage()).contains("'cn' is no known calendar; define it or use one of [24x7]");
                });
    }

    @Test
    void aHistoryMustStartWithCreatedBeInOrderAndNameKnownPolicies() {
        List<SlaEvent> history = List.of(SlaEvent.stateChanged(mon("10:00"), "open"), SlaEvent.created(mon("10:00"), "NORMAL", "gold"),
                SlaEvent.resolved(mon("09:00")), SlaEvent.priorityChanged(mon("11:00"), " "));
        assertThatThrownBy(() -> CLOCK.status(history, mon("12:00")))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(SlaClock.INVALID);
                    assertThat(e.paths()).containsExactly("history[0]", "history[1]", "history[1].policy", "history[2].at",
                            "history[3].priority");
                    assertThat(e.getMessage()).contains("'gold' is no known SLA policy; use one of [restarting, standard, vendor]");
                });
    }

    @Test
    void policiesAndHistoriesRoundTripThroughJson() throws Exception {
        String json = JSON.writeValueAsString(SlaFixture.STANDARD);
        assertThat(json).contains("\"RESOLUTION\":\"PT4H\"", "\"action\":\"REASSIGN_QUEUE\"", "\"reopen\":\"RESUME\"");
        assertThat(JSON.readValue(json, SlaPolicy.class)).isEqualTo(SlaFixture.STANDARD);

        List<SlaEvent> history = List.of(SlaEvent.created(mon("10:00"), "NORMAL", "standard"), SlaEvent.stateChanged(mon("10:20"), "pending"),
                SlaEvent.agentReplied(mon("10:30")), SlaEvent.dueOverridden(mon("10:40"), SlaTarget.RESOLUTION, mon("17:00")),
                SlaEvent.closed(mon("11:00")));
        TypeReference<List<SlaEvent>> listType = new TypeReference<>() {
        };
        String events = JSON.writerFor(listType).writeValueAsString(history);
        assertThat(events).contains("{\"type\":\"agentReplied\",\"at\":\"2026-03-02T02:30:00Z\",\"publicReply\":true}");
        List<SlaEvent> back = JSON.readValue(events, listType);
        assertThat(back).isEqualTo(history);
        assertThat(CLOCK.status(back, mon("12:00"))).isEqualTo(CLOCK.status(history, mon("12:00")));
    }
}
