package dev.oakit.ticket.routing;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Agent;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.dispatch.DispatchStrategies;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Capacity caps hold when many tickets are created at once: dispatch into a queue is serialised by its row lock. */
class DispatchConcurrencyTest {

    @DbTest
    void concurrentCreatesNeverExceedAnAgentsCap(TestDatabase db) throws Exception {
        RoutingFixture r = new RoutingFixture(db);
        r.onlyAgents();
        r.f.queues.saveAgent(r.admin, Agent.of("carol").withCapacity(2));
        r.f.queues.saveAgent(r.admin, Agent.of("dave").withCapacity(3));
        r.f.queues.saveAgent(r.admin, Agent.of("erin").withCapacity(1));
        r.strategy(DispatchStrategies.LEAST_LOADED);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Ticket>> results = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 24; i++) {
                int n = i;
                Callable<Ticket> create = () -> {
                    go.await();
                    return r.f.tickets.create(TicketFixture.user(n % 2 == 0 ? "alice" : "frank"),
                            NewTicket.builder("it", "并发 " + n).priority(n % 3 == 0 ? Priority.HIGH : Priority.NORMAL).build());
                };
                results.add(pool.submit(create));
            }
            go.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        Map<String, Integer> perAgent = new HashMap<>();
        int waiting = 0;
        for (Future<Ticket> f : results) {
            Ticket t = f.get();
            if (t.assignee() == null) {
                waiting++;
            } else {
                perAgent.merge(t.assignee(), 1, Integer::sum);
            }
        }
        assertThat(perAgent).containsEntry("carol", 2).containsEntry("dave", 3).containsEntry("erin", 1);
        assertThat(waiting).isEqualTo(18);
        Map<String, Integer> stored = Jdbi.create(db.dataSource()).withHandle(h -> {
            Map<String, Integer> m = new HashMap<>();
            h.createQuery("SELECT assignee_id, COUNT(*) FROM oa_tk_ticket WHERE assignee_id IS NOT NULL GROUP BY assignee_id")
                    .map((rs, c) -> m.put(rs.getString(1), rs.getInt(2))).list();
            return m;
        });
        assertThat(stored).isEqualTo(perAgent);
    }
}
