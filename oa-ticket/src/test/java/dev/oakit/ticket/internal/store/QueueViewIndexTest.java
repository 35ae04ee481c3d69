package dev.oakit.ticket.internal.store;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.TicketQuery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's queue view (the open tickets of their queue, newest first) and its count are one range of
 * {@code oa_tk_ticket_queue_open} read in the list's order: no full scan, no sort of the queue's open tickets.
 */
class QueueViewIndexTest {

    @DbTest
    void aQueuesOpenTicketsNewestFirstAreReadFromTheirIndex(TestDatabase db) throws Exception {
        try (TicketTablePlans plans = TicketTablePlans.load(db, c -> UrgencyIndexTest.tickets(c, 6000), "oa_tk_ticket")) {
            TicketQuery view = TicketQuery.builder().scope(TicketQuery.Scope.MY_QUEUES).openOnly().page(0, 20).build();
            String where = " FROM oa_tk_ticket t WHERE t.tenant_id = ? AND t.queue_key = ? AND t.done_flag = 0";
            String page = plans.plan("SELECT t.*" + where + TicketRepository.order(view, true) + " LIMIT ? OFFSET ?", "acme", "it", 20, 0);
            assertThat(page).contains("oa_tk_ticket_queue_open")
                    .doesNotContain("filesort").doesNotContainPattern("\\bsort\\s+\\(").doesNotContainPattern("seq scan|type\\W+all\\b|tablescan");
            String count = plans.plan("SELECT COUNT(*)" + where, "acme", "it");
            assertThat(count).containsPattern("oa_tk_ticket_queue_(open|urgency)")
                    .doesNotContainPattern("seq scan|type\\W+all\\b|tablescan");
        }
    }
}
