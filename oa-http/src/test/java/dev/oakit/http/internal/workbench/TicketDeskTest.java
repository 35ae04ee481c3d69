package dev.oakit.http.internal.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oakit.core.ValidationException;
import dev.oakit.http.internal.workbench.TicketDesk.QueueFilter;
import dev.oakit.http.internal.workbench.TicketDesk.SlaMark;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue page's SLA marks, its filter from the query string, and the reports page's range. */
class TicketDeskTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static Ticket ticket(StateKind kind, boolean overdue, Instant due) {
        return new Ticket(1, "TK-2026-000001", "it", "t", null, null, Priority.NORMAL, "web", Requester.user("alice"), "it", null, "x", kind,
                overdue, null, null, null, due, Map.of(), List.of(), List.of(), 0, "alice", NOW, NOW, null, null);
    }

    @Test
    void marksOverdueBeforeBreachedBeforeDueSoonAndNothingOnceResolved() {
        assertThat(TicketDesk.mark(ticket(StateKind.NEW, true, NOW.minusSeconds(1)), NOW)).isEqualTo(SlaMark.OVERDUE);
        assertThat(TicketDesk.mark(ticket(StateKind.IN_PROGRESS, false, NOW), NOW)).isEqualTo(SlaMark.BREACHED);
        assertThat(TicketDesk.mark(ticket(StateKind.IN_PROGRESS, false, NOW.plus(Duration.ofHours(3))), NOW)).isEqualTo(SlaMark.DUE_SOON);
        assertThat(TicketDesk.mark(ticket(StateKind.WAITING, false, NOW.plus(Duration.ofHours(5))), NOW)).isEqualTo(SlaMark.NONE);
        assertThat(TicketDesk.mark(ticket(StateKind.ASSIGNED, false, null), NOW)).isEqualTo(SlaMark.NONE);
        assertThat(TicketDesk.mark(ticket(StateKind.RESOLVED, true, NOW.minusSeconds(60)), NOW)).isEqualTo(SlaMark.NONE);
        assertThat(TicketDesk.mark(ticket(StateKind.CLOSED, false, NOW.minusSeconds(60)), NOW)).isEqualTo(SlaMark.NONE);
    }

    @Test
    void theFilterReadsTheQueryStringAndWritesItBackForTheNextPage() {
        Map<String, String> p = Map.of("scope", "assigned_to_me", "queue", "it & co", "state", "IN_PROGRESS", "priority", "urgent",
                "overdue", "true", "page", "2");
        QueueFilter f = QueueFilter.from(p::get);
        assertThat(f).isEqualTo(new QueueFilter(TicketQuery.Scope.ASSIGNED_TO_ME, "it & co", StateKind.IN_PROGRESS, Priority.URGENT, true,
                false, false, 2));
        assertThat(f.queryFor(3)).isEqualTo("?scope=ASSIGNED_TO_ME&queue=it+%26+co&state=IN_PROGRESS&priority=URGENT&overdue=true&page=3");
        assertThat(QueueFilter.from(Map.<String, String>of()::get))
                .isEqualTo(new QueueFilter(TicketQuery.Scope.MY_QUEUES, null, null, null, false, false, false, 0));
        TicketQuery q = f.query();
        assertThat(q.offset()).isEqualTo(40);
        assertThat(q.limit()).isEqualTo(TicketDesk.PAGE_SIZE);
    }

    @Test
    void badFilterValuesNameTheParameter() {
        assertThatThrownBy(() -> QueueFilter.from(Map.of("scope", "everything")::get)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("scope").hasMessageContaining("MY_QUEUES");
        assertThatThrownBy(() -> QueueFilter.from(Map.of("page", "-1")::get)).hasMessageContaining("page");
    }

    @Test
    void theReportRangeDefaultsToThirtyDaysAndRefusesBackwardsOrLongRanges() {
        LocalDate today = LocalDate.of(2026, 12, 7);
        var f = ReportDesk.filter(Map.<String, String>of()::get, today);
        assertThat(f.from()).isEqualTo(LocalDate.of(2026, 11, 8));
        assertThat(f.to()).isEqualTo(today);
        assertThat(ReportDesk.filter(Map.of("from", "2026-12-01", "to", "2026-12-02", "queue", "it")::get, today).queue()).isEqualTo("it");
        assertThatThrownBy(() -> ReportDesk.filter(Map.of("from", "2026-12-03", "to", "2026-12-02")::get, today)).hasMessageContaining("from");
        assertThatThrownBy(() -> ReportDesk.filter(Map.of("from", "2024-01-01")::get, today)).hasMessageContaining("366 days");
        assertThatThrownBy(() -> ReportDesk.filter(Map.of("to", "07.12.2026")::get, today)).hasMessageContaining("to")
                .hasMessageContaining("yyyy-MM-dd");
    }

    @Test
    void everyStateKindPriorityScopeEventSlaTargetAndFlashedActionHasItsTextInBothLanguages() {
        List<String> keys = new java.util.ArrayList<>();
        java.util.Arrays.stream(StateKind.values()).forEach(k -> keys.add("ticket.kind." + k));
        java.util.Arrays.stream(Priority.values()).forEach(p -> keys.add("ticket.priority." + p));
        java.util.Arrays.stream(TicketQuery.Scope.values()).forEach(sc -> keys.add("ticket.scope." + sc));
        java.util.Arrays.stream(dev.oakit.ticket.TicketEventKind.values()).forEach(e -> keys.add("ticket.event." + e));
        java.util.Arrays.stream(dev.oakit.ticket.sla.SlaTarget.values()).forEach(t -> keys.add("report.sla." + t));
        java.util.Arrays.stream(TicketDesk.SlaMark.values()).filter(m -> m != SlaMark.NONE).forEach(m -> keys.add("ticket.sla." + m));
        TicketPages.FLASHED.forEach(a -> keys.add("flash.ticket." + a));
        dev.oakit.ticket.Lifecycle.standard().transitions().forEach(t -> keys.add("ticket.action." + t.action()));
        dev.oakit.ticket.Lifecycle.standard().states().forEach(st -> keys.add("ticket.state." + st.name()));
        for (java.util.Locale l : List.of(java.util.Locale.ENGLISH, java.util.Locale.CHINESE)) {
            java.util.ResourceBundle b = Messages.bundle(l);
            assertThat(keys).as(l.toString()).allMatch(b::containsKey, "has its text");
        }
    }
}
