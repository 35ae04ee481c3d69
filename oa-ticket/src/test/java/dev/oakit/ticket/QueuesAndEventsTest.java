package dev.oakit.ticket;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.EventRecorder;
import dev.oakit.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Queues and agents as dispatch sees them, capacity caps, outbox events and configuration errors. */
class QueuesAndEventsTest {
    @DbTest
    void agentsCarrySkillsCapacityDutyAndTheDirectorysActiveFlag(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        f.queues.saveAgent(f.admin, Agent.of("carol").withSkills("printer", "network").withCapacity(1));
        f.queues.setOnDuty(user("dave"), "dave", false);
        assertThatThrownBy(() -> f.queues.setOnDuty(user("dave"), "carol", false)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("the agent themself and administrators may");
        Ticket first = f.open("一");
        f.tickets.claim(user("carol"), first.id());
        Ticket second = f.open("二");
        assertThatThrownBy(() -> f.tickets.claim(user("carol"), second.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("OA-TK/AT_CAPACITY").hasMessageContaining("capacity is 1");
        f.directory.deactivateUser(f.admin, "dave");
        assertThatThrownBy(() -> f.tickets.assign(user("bob"), second.id(), "dave")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("inactive");

        List<QueueAgent> agents = f.queues.agents(user("bob"), "it");
        assertThat(agents).extracting(a -> a.agent().userId()).containsExactly("bob", "carol", "dave");
        QueueAgent carol = agents.get(1);
        assertThat(carol.agent().skills()).containsExactly("network", "printer");
        assertThat(carol.openTickets()).isEqualTo(1);
        assertThat(carol.available()).isFalse();
        assertThat(agents.get(0).dispatcher()).isTrue();
        assertThat(agents.get(0).available()).isTrue();
        assertThat(agents.get(2).active()).isFalse();
        assertThat(agents.get(2).agent().onDuty()).isFalse();
        assertThatThrownBy(() -> f.queues.agents(user("alice"), "it")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> f.queues.setMembers(f.admin, "it", List.of(QueueMember.agent("ghost"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not in the directory");
        assertThatThrownBy(() -> f.queues.saveQueue(user("bob"), Queue.of("x", "x"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> f.catalog.saveCategory(f.admin, Category.of("hw", "hw.printer", "环"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("cycle");
    }

    @DbTest
    void everyTicketChangeLeavesThroughTheOutbox(TestDatabase db) {
        EventRecorder recorder = new EventRecorder();
        TicketFixture f = new TicketFixture(db, b -> b.plugin(recorder));
        Ticket t = f.started("外发事件");
        f.tickets.note(user("carol"), t.id(), "内部");
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.events().stream().filter(e -> e.type().startsWith("tk.")).count() >= 5);
        List<DomainEvent> ticketEvents = recorder.events().stream().filter(e -> e.type().startsWith("tk.")).toList();
        assertThat(ticketEvents).extracting(DomainEvent::type).contains("tk.ticket.created", "tk.ticket.assigned",
                "tk.ticket.state-changed", "tk.ticket.internal-note");
        assertThat(ticketEvents).allSatisfy(e -> {
            assertThat(e.aggregateType()).isEqualTo("ticket");
            assertThat(e.aggregateId()).isEqualTo(Long.toString(t.id()));
        });
    }

    @Test
    void badConfigurationFailsTheBuildNamingTheValue() {
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).plugin(new TicketPlugin())
                .config("ticket", Map.of("numberPrefix", "tk-", "acceptanceDays", -1)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("numberPrefix");
        assertThat(Lifecycle.standard().from("new")).extracting(Lifecycle.Transition::action)
                .containsExactly("assign", "claim", "withdraw", "cancel");
        assertThatThrownBy(() -> new Lifecycle("open", List.of(new Lifecycle.State("open", StateKind.NEW)),
                List.of(Lifecycle.Transition.of("go", java.util.Set.of("open", "nowhere"), "done")))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("need at least one state of kind CLOSED").hasMessageContaining("'nowhere' is not a state")
                .hasMessageContaining("'done' is not a state").hasMessageContaining("transitions[0].by");
    }
}
