package dev.oakit.ticket.report;

import dev.oakit.core.testing.ManualClock;
import dev.oakit.ticket.sla.SlaTarget;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketChanges;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.spi.SlaHook;
import dev.oakit.ticket.internal.report.TicketMetrics;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SLA clock reports outcomes through {@link TicketMetrics#outcome}, as the SLA integration
 * will: they count per target, and the default (resolved after the ticket's due time) never
 * overwrites them; without an SLA clock the default alone decides, and a reopen withdraws it.
 */
class SlaOutcomeTest {
    static final Instant MONDAY_9 = Instant.parse("2026-11-16T09:00:00Z");
    static final ReportFilter WEEK = ReportFilter.between(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22));

    /** A toy SLA clock: first response within 30 minutes; resolution always met. */
    static final class ToySla implements SlaHook {
        private final TicketMetrics metrics;

        @Inject
        ToySla(TicketMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void recorded(CommandContext ctx, Ticket t, List<TicketEvent> events) {
            for (TicketEvent e : events) {
                if (e.kind() == TicketEventKind.AGENT_REPLY) {
                    Instant due = t.createdAt().plus(Duration.ofMinutes(30));
                    metrics.outcome(ctx.handle(), ctx.actor().tenantId(), t.id(), SlaTarget.FIRST_RESPONSE, due,
                            e.at().isAfter(due), e.at());
                } else if (e.kind() == TicketEventKind.RESOLVED) {
                    metrics.outcome(ctx.handle(), ctx.actor().tenantId(), t.id(), SlaTarget.RESOLUTION, null, false, e.at());
                }
            }
        }
    }

    static final class ToySlaPlugin implements OaPlugin {
        @Override
        public String id() {
            return "toy-sla";
        }

        @Override
        public Set<String> requires() {
            return Set.of("ticket");
        }

        @Override
        public void configure(OaPluginContext context) {
            context.install(new AbstractModule() {
                @Override
                protected void configure() {
                    OptionalBinder.newOptionalBinder(binder(), SlaHook.class).setBinding().to(ToySla.class);
                }
            });
        }
    }

    @DbTest
    void outcomesOfTheSlaClockCountAndTheDueTimeDefaultNeverOverwritesThem(TestDatabase db) {
        ManualClock clock = new ManualClock(MONDAY_9);
        TicketFixture f = new TicketFixture(db, b -> b.clock(clock).plugin(new ToySlaPlugin()));
        TicketReports reports = f.oa.service(TicketReports.class);
        Ticket fast = f.started("快");
        Ticket slow = f.started("慢");
        f.tickets.update(user("bob"), slow.id(), TicketChanges.none().withDueAt(MONDAY_9.plus(Duration.ofMinutes(10))));
        clock.advance(Duration.ofMinutes(20));
        f.tickets.reply(user("carol"), fast.id(), "ok", List.of());
        clock.advance(Duration.ofMinutes(20));
        f.tickets.reply(user("carol"), slow.id(), "late", List.of());
        f.tickets.resolve(user("carol"), slow.id(), null); // after its due time, but the SLA clock said met

        assertThat(reports.slaCompliance(f.admin, WEEK).rows()).containsExactly(
                new SlaReport.Row(SlaTarget.FIRST_RESPONSE, 1, 1),
                new SlaReport.Row(SlaTarget.NEXT_RESPONSE, 0, 0),
                new SlaReport.Row(SlaTarget.RESOLUTION, 1, 0));
    }

    @DbTest
    void withoutAnSlaClockResolutionAfterTheDueTimeIsABreachUntilReopened(TestDatabase db) {
        ManualClock clock = new ManualClock(MONDAY_9);
        TicketFixture f = new TicketFixture(db, b -> b.clock(clock).config("ticket", Map.of("acceptanceDays", 0)));
        TicketReports reports = f.oa.service(TicketReports.class);
        Ticket late = f.started("迟");
        Ticket onTime = f.started("准");
        Ticket noDue = f.started("无期限");
        f.tickets.update(user("bob"), late.id(), TicketChanges.none().withDueAt(MONDAY_9.plus(Duration.ofHours(1))));
        f.tickets.update(user("bob"), onTime.id(), TicketChanges.none().withDueAt(MONDAY_9.plus(Duration.ofHours(3))));
        clock.advance(Duration.ofHours(2));
        for (Ticket t : List.of(late, onTime, noDue)) {
            f.tickets.resolve(user("carol"), t.id(), null);
        }
        assertThat(reports.slaCompliance(f.admin, WEEK).rows().get(2)).isEqualTo(new SlaReport.Row(SlaTarget.RESOLUTION, 1, 1));

        f.tickets.act(user("alice"), late.id(), "reopen", "还没好");
        assertThat(reports.slaCompliance(f.admin, WEEK).rows().get(2)).isEqualTo(new SlaReport.Row(SlaTarget.RESOLUTION, 1, 0));
        assertThat(reports.createdVsResolved(f.admin, WEEK, VolumeReport.Period.WEEK).rows().get(0).resolved()).isEqualTo(2);
    }
}
