package dev.oakit.ticket.report;

import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.testing.DatabaseMatrix;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.Servers;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.TicketChanges;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.ticket.internal.command.Escalation;
import dev.oakit.ticket.internal.report.ReportEngine;
import dev.oakit.ticket.internal.runner.CommandRunner;
import dev.oakit.ticket.sla.EscalationStep;
import dev.oakit.ticket.sla.SlaFiring;
import dev.oakit.ticket.sla.SlaTarget;
import dev.oakit.ticket.sla.TargetState;
import dev.oakit.ticket.sla.TargetStatus;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports read from the figures per day ({@code oa_tk_metric_day}) equal the reports computed from the metric
 * rows alone (the queries before the figures per day), on random help desks: tickets created, assigned, claimed,
 * moved to another queue (reassigned, or by an SLA escalation step), recategorised, answered, resolved, refused (reopened) and resolved again,
 * rated by their requester, with time logged, on a clock moved by random hours; the desk's days in Chatham (UTC+12:45/+13:45) on office hours, queue "fac" on New York's 24x7
 * calendar; random ranges and queue, type and category filters, read by an administrator and by an agent. Between
 * the steps the rollup job counts a few creations and assignments, or a rebuild counts them all, so the reports read
 * figures with a live tail of every length. With a category filter the reports read the figures' twins per category,
 * without one the plain measures; ratings read their counts per score. In some tries the ratings are then made as old
 * as before V72 (no day, not in the figures): the ratings reports read them one by one and still agree. And a rebuild
 * from the metric rows gives the figures per day the commands and the rollup kept (giving those ratings their day).
 * On every database of the matrix, one tenant per try.
 */
class ReportPathsProperties {
    static final ZoneId CHATHAM = ZoneId.of("Pacific/Chatham");
    static final LocalDate START = LocalDate.of(2026, 11, 2);
    static final String[] CATEGORIES = {"hw", "hw.printer", "sw", null};
    private static final List<Desk> DESKS = new ArrayList<>();
    private static final AtomicInteger TENANTS = new AtomicInteger();

    /** One OAKit on one database. */
    record Desk(TestDatabase db, ManualClock clock, TicketFixture f, ReportEngine reports, ReportEngine fromRows) {
    }

    record Step(int op, int ticket, int arg) {
    }

    record Read(int from, int days, int queue, int type, int category, boolean admin) {
    }

    @BeforeContainer
    static void start() throws Exception {
        for (TestDatabase.Kind kind : TestDatabase.Kind.values()) {
            if (!DatabaseMatrix.selected(kind) || Servers.unreachable(kind).isPresent()) {
                continue;
            }
            TestDatabase db = TestDatabase.open(kind);
            ManualClock clock = new ManualClock(START.atTime(8, 0).atZone(CHATHAM).toInstant());
            BusinessCalendar office = BusinessCalendar.builder("desk").zone(CHATHAM)
                    .week(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-12:00", "13:00-18:00").build();
            TicketFixture f = new TicketFixture(db.start(b -> b.plugin(new TicketPlugin()).plugin(new EscalatorPlugin()).clock(clock).calendar(office)
                    .calendar(BusinessCalendar.alwaysOpen("nyc", ZoneId.of("America/New_York")))
                    .config("core", Map.of("jobs", Map.of("enabled", false)))
                    .config("ticket", Map.of("calendar", "desk", "acceptanceDays", 0, "startWithin", "PT0S"))));
            ReportEngine reports = (ReportEngine) f.oa.service(TicketReports.class);
            DESKS.add(new Desk(db, clock, f, reports, reports.fromMetricRows()));
        }
    }

    @AfterContainer
    static void stop() throws Exception {
        for (Desk d : DESKS) {
            d.db().close();
        }
        DESKS.clear();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 16), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 99)).as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(45);
    }

    @Provide
    Arbitrary<List<Read>> reads() {
        return Combinators.combine(Arbitraries.integers().between(-40, 14), Arbitraries.integers().between(0, 80), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 4), Arbitraries.of(true, false)).as(Read::new)
                .list().ofMinSize(3).ofMaxSize(6);
    }

    @Property(tries = 25)
    void reportsFromFiguresPerDayEqualReportsFromMetricRows(@ForAll("steps") List<Step> steps, @ForAll("reads") List<Read> reads) {
        for (Desk d : DESKS) {
            String tenant = "rp" + TENANTS.incrementAndGet();
            Actor root = Actor.admin(tenant, "root");
            d.f().setUpTenant(tenant);
            d.f().queues.saveQueue(root, new Queue("fac", "后勤", "nyc", true));
            d.f().queues.setMembers(root, "fac", List.of(dev.oakit.ticket.QueueMember.dispatcher("erin"), dev.oakit.ticket.QueueMember.agent("dave")));
            d.clock().advance(Duration.ofDays(1));
            LocalDate first = d.clock().instant().atZone(CHATHAM).toLocalDate();
            play(d, tenant, steps);
            for (Read r : reads) {
                Actor reader = r.admin() ? root : Actor.of(tenant, "dave");
                ReportFilter filter = filter(first, r);
                String on = d.db().kind().label() + " " + filter + " admin=" + r.admin();
                same(on, d, f -> f.workload(reader, filter));
                same(on, d, f -> f.byCategory(reader, filter));
                same(on, d, f -> f.createdVsResolved(reader, filter, VolumeReport.Period.DAY));
                same(on, d, f -> f.createdVsResolved(reader, filter, VolumeReport.Period.WEEK));
                same(on, d, f -> f.slaCompliance(reader, filter));
                same(on, d, f -> f.responseTimes(reader, filter));
                same(on, d, f -> f.ratings(reader, filter));
            }
            while (d.reports().rollUp(tenant, 7) > 0) {
                // the rest of the tail, in batches
            }
            Map<String, Long> kept = figures(d, tenant);
            if (steps.size() % 2 == 0) {
                undateRatings(d, tenant);
                for (Read r : reads) {
                    Actor reader = r.admin() ? root : Actor.of(tenant, "dave");
                    ReportFilter filter = filter(first, r);
                    same(d.db().kind().label() + " ratings before V72 " + filter + " admin=" + r.admin(), d, f -> f.ratings(reader, filter));
                }
            }
            d.reports().rebuildFigures(root);
            assertThat(figures(d, tenant)).as("rebuilt figures per day on %s", d.db().kind().label()).isEqualTo(kept);
        }
    }

    private static ReportFilter filter(LocalDate first, Read r) {
        return new ReportFilter(first.plusDays(r.from()), first.plusDays(r.from() + r.days()),
                new String[]{null, "it", "fac", null}[r.queue()], new String[]{null, "it", "repair"}[r.type()],
                new String[]{null, "hw", "hw.printer", "sw", null}[r.category()]);
    }

    private static void same(String on, Desk d, Function<TicketReports, Object> report) {
        Object fromRows;
        try {
            fromRows = report.apply(d.fromRows());
        } catch (OaException e) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> report.apply(d.reports())))
                    .as(on).isInstanceOf(e.getClass()).hasMessage(e.getMessage());
            return;
        }
        assertThat(report.apply(d.reports())).as(on).isEqualTo(fromRows);
    }

    /** Makes the tenant's ratings look as given before V72: no day, and not counted in the figures. */
    private static void undateRatings(Desk d, String tenant) {
        org.jdbi.v3.core.Jdbi.create(d.db().dataSource()).useTransaction(h -> {
            h.createUpdate("UPDATE oa_tk_rating SET rated_day = NULL WHERE tenant_id = :t").bind("t", tenant).execute();
            h.createUpdate("DELETE FROM oa_tk_metric_day WHERE tenant_id = :t AND measure IN ('rated', 'rated_m', 'rated_c', 'rated_c_m')")
                    .bind("t", tenant).execute();
        });
    }

    /** @return the tenant's non-zero figures per day, by key */
    private static Map<String, Long> figures(Desk d, String tenant) {
        Map<String, Long> out = new TreeMap<>();
        org.jdbi.v3.core.Jdbi.create(d.db().dataSource()).useHandle(h -> h.createQuery("""
                SELECT measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n FROM oa_tk_metric_day WHERE tenant_id = :t AND n <> 0""")
                .bind("t", tenant).map((rs, c) -> out.put(rs.getString(1) + "|" + rs.getObject(2, java.sql.Date.class) + "|" + rs.getString(3) + "|"
                        + rs.getString(4) + "|" + rs.getString(5) + "|" + rs.getString(6) + "|" + rs.getLong(7), rs.getLong(8))).list());
        return out;
    }

    /**
     * Moves a ticket as an SLA escalation step REASSIGN_QUEUE does, decided as the SLA job decides it (a command of the
     * system on the ticket; the job itself does not run here: jobs are off).
     */
    public static final class Escalator {
        private final Commands commands;
        private final CommandRunner runner;
        private final Escalation escalation;

        @Inject
        public Escalator(Commands commands, CommandRunner runner, Escalation escalation) {
            this.commands = commands;
            this.runner = runner;
            this.escalation = escalation;
        }

        void moveTo(String tenant, long id, String queue, Instant now) {
            SlaFiring firing = new SlaFiring("move-" + queue, SlaTarget.RESOLUTION, SlaFiring.Kind.ESCALATION, now,
                    EscalationStep.reassignQueue(SlaTarget.RESOLUTION, Duration.ZERO, queue));
            TargetStatus target = new TargetStatus(SlaTarget.RESOLUTION, TargetState.BREACHED, now, Duration.ZERO, now, false, now,
                    Duration.ZERO, Duration.ZERO, Duration.ZERO, true, null, "due now");
            commands.execute(CommandSpec.of(Actor.system(tenant), "tk.ticket.sla").withTarget("ticket", Long.toString(id)), Void.class, ctx -> {
                runner.onSystem(ctx, id, (c, reads) -> escalation.fired(c, firing, target, "test", t -> null, reads));
                return null;
            });
        }
    }

    /** Exposes the {@link Escalator}. */
    static final class EscalatorPlugin implements OaPlugin {
        @Override
        public String id() {
            return "escalator";
        }

        @Override
        public Set<String> requires() {
            return Set.of("ticket");
        }

        @Override
        public void configure(OaPluginContext context) {
            context.install(binder -> binder.bind(Escalator.class));
            context.exposeService(Escalator.class);
        }
    }

    /** Runs the steps, leaving out those the ticket's state refuses. */
    private static void play(Desk d, String tenant, List<Step> steps) {
        List<Long> ids = new ArrayList<>();
        List<Actor> requesters = new ArrayList<>();
        Actor alice = Actor.of(tenant, "alice");
        Actor bob = Actor.of(tenant, "bob");
        for (Step s : steps) {
            Long id = ids.isEmpty() ? null : ids.get(s.ticket() % ids.size());
            int op = id == null ? 0 : s.op();
            String agent = s.arg() % 2 == 0 ? "carol" : "dave";
            Actor actor = Actor.of(tenant, agent);
            try {
                switch (op) {
                    case 0 -> {
                        Actor requester = s.arg() % 5 == 0 ? Actor.of(tenant, "frank") : alice;
                        ids.add(s.arg() % 5 == 0
                                ? d.f().tickets.create(requester, NewTicket.builder("repair", "报修 " + s.arg()).build()).id()
                                : d.f().tickets.create(requester, NewTicket.builder("it", "工单 " + s.arg()).category(CATEGORIES[s.arg() % 4]).build()).id());
                        requesters.add(requester);
                    }
                    case 1 -> d.f().tickets.claim(actor, id);
                    case 2 -> d.f().tickets.assign(bob, id, agent);
                    case 3 -> d.f().tickets.reply(actor, id, "回复", List.of());
                    case 4 -> d.f().tickets.note(actor, id, "内部");
                    case 5 -> d.f().tickets.start(actor, id);
                    case 6 -> d.f().tickets.resolve(actor, id, "好了");
                    case 7 -> d.f().tickets.refuse(alice, id, "没好");
                    case 8 -> d.f().tickets.reassign(Actor.admin(tenant, "root"), id, s.arg() % 2 == 0 ? "fac" : "it", "dave", "转派");
                    case 9 -> d.f().tickets.update(Actor.admin(tenant, "root"), id, TicketChanges.none().withCategory(CATEGORIES[s.arg() % 3]));
                    case 10 -> d.f().tickets.update(bob, id, TicketChanges.none().withDueAt(d.clock().instant().plus(Duration.ofHours(s.arg() % 30))));
                    case 11 -> d.f().oa.service(Escalator.class).moveTo(tenant, id, s.arg() % 2 == 0 ? "fac" : "it", d.clock().instant());
                    case 12 -> d.f().tickets.rate(requesters.get(s.ticket() % ids.size()), id, 1 + s.arg() % 5, "评分");
                    case 13 -> d.f().tickets.logTime(actor, id, 1 + s.arg(),
                            d.clock().instant().atZone(CHATHAM).toLocalDate().minusDays(s.arg() % 3), "工时");
                    case 14 -> {
                        if (s.arg() % 4 == 0) {
                            d.reports().rebuildFigures(Actor.admin(tenant, "root"));
                        } else {
                            d.reports().rollUp(tenant, s.arg() % 4);
                        }
                    }
                    default -> d.clock().advance(Duration.ofMinutes(7L * s.arg() * (s.arg() % 10 + 1)));
                }
            } catch (OaException refused) {
                // the state or the actor's role does not allow it: the next step
            }
        }
    }
}
