package dev.oakit.ticket;

import dev.oakit.core.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The query builder: every filter and the page land in the query, a copy changes only what it names, a bad page names its field. */
class TicketQueryTest {
    static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant BEFORE = Instant.parse("2026-04-01T00:00:00Z");

    @Test
    void theBuilderCarriesEveryFilterAndThePage() {
        TicketQuery q = TicketQuery.builder().scope(TicketQuery.Scope.MY_QUEUES).openOnly().state("new").stateKind(StateKind.NEW)
                .queue("it").assignee("carol").unassigned().type("it").category("hw").priority(Priority.HIGH).tag("vip").overdue()
                .createdBetween(FROM, BEFORE).page(20, 10).customer("acme").build();
        assertThat(q).isEqualTo(new TicketQuery(TicketQuery.Scope.MY_QUEUES, true, "new", StateKind.NEW, "it", "carol", true, "it", "hw",
                Priority.HIGH, "vip", true, FROM, BEFORE, 20, 10, TicketQuery.Order.NEWEST, "acme"));
        assertThat(q.toBuilder().build()).isEqualTo(q);
        TicketQuery next = q.toBuilder().queue("fac").page(30, 10).build();
        assertThat(next.queue()).isEqualTo("fac");
        assertThat(next.offset()).isEqualTo(30);
        assertThat(next).usingRecursiveComparison().ignoringFields("queue", "offset").isEqualTo(q);
    }

    @Test
    void anEmptyBuilderIsEveryVisibleTicketFirstFifty() {
        TicketQuery q = TicketQuery.builder().build();
        assertThat(q).isEqualTo(TicketQuery.all());
        assertThat(q.scope()).isEqualTo(TicketQuery.Scope.VISIBLE);
        assertThat(q.offset()).isZero();
        assertThat(q.limit()).isEqualTo(50);
        assertThat(q.openOnly() || q.unassigned() || q.overdue()).isFalse();
        assertThat(TicketQuery.builder().scope(null).build().scope()).isEqualTo(TicketQuery.Scope.VISIBLE);
    }

    @Test
    void aPageOutOfRangeNamesTheField() {
        assertThat(catchThrowableOfType(ValidationException.class, () -> TicketQuery.builder().page(0, 501).build()).paths())
                .containsExactly("limit");
        assertThat(catchThrowableOfType(ValidationException.class, () -> TicketQuery.builder().page(-1, 10).build()).paths())
                .containsExactly("offset");
    }
}
