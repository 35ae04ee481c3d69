package dev.oakit.ticket;

import dev.oakit.core.Actor;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.report.ReportFilter;
import dev.oakit.ticket.report.ResponseTimeReport;
import dev.oakit.ticket.report.TicketReports;
import dev.oakit.ticket.report.VolumeReport;
import dev.oakit.ticket.report.WorkloadReport;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent creates, claims and resolves of tickets of one queue, type and category add to the same counters per
 * day: none is lost (the counters equal the tickets, and a rebuild from the metric rows), on every database.
 */
class FiguresPerDayConcurrencyTest {
    private static void race(int threads, List<Callable<Object>> tasks) throws Exception {
        for (Future<Object> f : ConcurrencyTest.race(threads, tasks)) {
            f.get();
        }
    }

    @DbTest
    void parallelCreatesClaimsAndResolvesLoseNoCount(TestDatabase db) throws Exception {
        TicketFixture f = new TicketFixture(db);
        int n = 40;
        List<Long> ids = new ArrayList<>();
        List<Callable<Object>> creates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            creates.add(() -> {
                long id = f.tickets.create(user("alice"), NewTicket.builder("it", "并发 " + k).category("hw").build()).id();
                synchronized (ids) {
                    ids.add(id);
                }
                return id;
            });
        }
        race(6, creates);
        List<Callable<Object>> resolves = new ArrayList<>();
        for (long id : ids) {
            resolves.add(() -> {
                f.tickets.claim(user("carol"), id);
                f.tickets.reply(user("carol"), id, "在看", List.of());
                return f.tickets.resolve(user("carol"), id, "好了");
            });
        }
        race(6, resolves);

        TicketReports reports = f.oa.service(TicketReports.class);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ReportFilter range = ReportFilter.between(today.minusDays(1), today.plusDays(1));
        long created = reports.createdVsResolved(f.admin, range, VolumeReport.Period.DAY).rows().stream().mapToLong(VolumeReport.Row::created).sum();
        long resolved = reports.createdVsResolved(f.admin, range, VolumeReport.Period.DAY).rows().stream().mapToLong(VolumeReport.Row::resolved).sum();
        WorkloadReport load = reports.workload(f.admin, range);
        ResponseTimeReport times = reports.responseTimes(f.admin, range);
        assertThat(created).isEqualTo(n);
        assertThat(resolved).isEqualTo(n);
        assertThat(load.rows()).singleElement().satisfies(r -> {
            assertThat(r.agentId()).isEqualTo("carol");
            assertThat(r.assigned()).isEqualTo(n);
            assertThat(r.resolved()).isEqualTo(n);
        });
        assertThat(times.rows().get(times.rows().size() - 1).responded()).isEqualTo(n);
        assertThat(reports.byCategory(f.admin, range).rows()).filteredOn(r -> "hw".equals(r.key())).singleElement()
                .satisfies(r -> assertThat(r.created()).isEqualTo(n));

        Actor root = f.admin;
        reports.rebuildFigures(root);
        assertThat(reports.createdVsResolved(f.admin, range, VolumeReport.Period.DAY).rows().stream().mapToLong(VolumeReport.Row::created).sum())
                .isEqualTo(n);
        assertThat(reports.workload(f.admin, range)).isEqualTo(load);
        assertThat(reports.responseTimes(f.admin, range)).isEqualTo(times);
    }
}
