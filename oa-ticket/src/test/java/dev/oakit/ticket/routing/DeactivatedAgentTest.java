package dev.oakit.ticket.routing;

import dev.oakit.core.directory.ImportFormat;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.dispatch.DispatchStrategies;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent the directory deactivates (or an import marks inactive) keeps no ticket: each one they hold goes back to
 * its queue, unassigned, with the reason in its history, and dispatch chooses again. It runs after the deactivation
 * committed, on the durable listener job, so the tests wait for it.
 */
class DeactivatedAgentTest {

    @DbTest
    void aDeactivatedAgentsTicketGoesBackToTheQueueAndDispatchChoosesAnActiveAgent(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.strategy(DispatchStrategies.ROUND_ROBIN);
        Ticket t = r.open("alice", "打印机卡纸");
        assertThat(t.assignee()).isEqualTo("carol");
        r.f.tickets.start(user("carol"), t.id());
        r.f.directory.deactivateUser(r.admin, "carol");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(r.f.ticket(t.id()).assignee()).isIn("dave", "erin"));
        Ticket back = r.f.ticket(t.id());
        assertThat(back.stateKind()).isEqualTo(StateKind.ASSIGNED);
        TicketEvent returned = r.history(t.id(), TicketEventKind.STATE_CHANGED).stream()
                .filter(e -> e.action().equals("return-to-queue")).findFirst().orElseThrow();
        assertThat(returned.actorId()).isEqualTo("system");
        assertThat(returned.body()).contains("'carol' was deactivated in the directory").contains("back to the queue");
    }

    @DbTest
    void withoutAutomaticDispatchTheTicketWaitsUnassignedInItsQueue(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.strategy(DispatchStrategies.MANUAL);
        Ticket t = r.open("alice", "显示器不亮");
        r.f.tickets.claim(user("dave"), t.id());
        r.f.directory.importUsers(r.admin, ImportFormat.JSON, new StringReader("[{\"id\": \"dave\", \"name\": \"DAVE\", \"active\": false}]"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(r.f.ticket(t.id()).assignee()).isNull());
        Ticket back = r.f.ticket(t.id());
        assertThat(back.stateKind()).isEqualTo(StateKind.NEW);
        assertThat(back.queue()).isEqualTo("desk");
        assertThat(r.history(t.id(), TicketEventKind.STATE_CHANGED)).anySatisfy(e ->
                assertThat(e.body()).contains("'dave' was deactivated by a directory import"));
    }

    @DbTest
    void afterAnyDeactivationNoOpenTicketIsHeldByAnInactiveAgent(TestDatabase db) {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.strategy(DispatchStrategies.LEAST_LOADED);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ids.add(r.open("alice", "工单 " + i).id());
        }
        r.f.tickets.start(user(r.f.ticket(ids.get(0)).assignee()), ids.get(0));
        for (String leaver : List.of("erin", "carol")) {
            r.f.directory.deactivateUser(r.admin, leaver);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (long id : ids) {
                    Ticket t = r.f.ticket(id);
                    if (t.stateKind() != StateKind.NEW) {
                        assertThat(t.assignee()).isNotIn("erin", leaver);
                    }
                }
            });
        }
        assertThat(ids).allSatisfy(id -> assertThat(r.f.ticket(id).assignee()).isIn("dave", null));
    }
}
