package dev.oakit.ticket;

import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command sequences by random people on a few tickets; after every step: closed tickets
 * have no pending timers, requesters never see internal notes, every successful command left an
 * audit entry on its ticket, a state of kind NEW has no assignee and the others that need one have
 * one, and a parent is never resolved while a child is open. One OAKit on H2; one tenant per try.
 */
class TicketInvariantsProperties {
    static final String[] USERS = {"alice", "frank", "carol", "dave", "bob", "root"};
    static final String[] OPS = {"create", "child", "claim", "assign", "release", "start", "pend", "resume", "resolve", "accept",
            "refuse", "close", "reopen", "return", "withdraw", "cancel", "reply", "note", "merge"};
    private static OaKit oa;
    private static TicketFixture f;
    private static Jdbi jdbi;
    private static final AtomicInteger TENANTS = new AtomicInteger();

    record Step(String user, String op, int ticket, int other) {
    }

    @BeforeContainer
    static void start() {
        JdbcDataSource ds = TicketFixture.memoryDatabase("tkprop");
        oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(ds).plugin(new TicketPlugin()).build().start();
        f = new TicketFixture(oa);
        jdbi = Jdbi.create(ds);
    }

    @AfterContainer
    static void stop() {
        if (oa != null) {
            oa.close();
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(USERS), Arbitraries.of(OPS), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3)).as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(40);
    }

    @Property(tries = 40)
    void invariantsHoldAfterEveryStep(@ForAll("steps") List<Step> steps) {
        String tenant = "p" + TENANTS.incrementAndGet();
        f.setUpTenant(tenant);
        f.queues.setMembers(Actor.admin(tenant, "root"), "it", List.of(QueueMember.dispatcher("bob"), QueueMember.agent("carol"),
                QueueMember.agent("dave")));
        List<Long> ids = new ArrayList<>();
        Map<Long, Integer> commandsOn = new HashMap<>();
        for (Step s : steps) {
            Actor actor = s.user().equals("root") ? Actor.admin(tenant, "root") : Actor.of(tenant, s.user());
            Long id = ids.isEmpty() ? null : ids.get(s.ticket() % ids.size());
            Long other = ids.isEmpty() ? null : ids.get(s.other() % ids.size());
            String op = id == null ? "create" : s.op();
            try {
                Ticket result = run(actor, op, id, other);
                if (result != null) {
                    if (!ids.contains(result.id())) {
                        ids.add(result.id());
                    }
                    long target = op.equals("merge") ? id : result.id();
                    commandsOn.merge(target, 1, Integer::sum);
                    if (op.equals("resolve")) {
                        assertThat(TicketEngineAccess.openChildren(jdbi, tenant, result.id()))
                                .as("parent %s resolved with open children", result.number()).isEmpty();
                    }
                }
                net.jqwik.api.statistics.Statistics.label("steps").collect(result == null ? "no-op" : "applied");
            } catch (OaException expected) {
                net.jqwik.api.statistics.Statistics.label("steps").collect("refused");
                // refused commands change nothing; the invariants below still hold
            }
            check(tenant, ids, commandsOn);
        }
    }

    private static Ticket run(Actor actor, String op, Long id, Long other) {
        return switch (op) {
            case "create" -> f.tickets.create(actor, NewTicket.builder("it", "随机").build());
            case "child" -> f.tickets.create(actor, NewTicket.builder("it", "子工单").parent(id).build());
            case "claim" -> f.tickets.claim(actor, id);
            case "assign" -> f.tickets.assign(actor, id, "dave");
            case "release" -> f.tickets.release(actor, id);
            case "reply" -> f.tickets.reply(actor, id, "回复", List.of());
            case "note" -> f.tickets.note(actor, id, "内部备注");
            case "merge" -> id.equals(other) ? null : f.tickets.merge(actor, id, other, null);
            default -> f.tickets.act(actor, id, op, "理由");
        };
    }

    private static void check(String tenant, List<Long> ids, Map<Long, Integer> commandsOn) {
        Actor admin = Actor.admin(tenant, "root");
        for (long id : ids) {
            TicketDetail agentView = f.queries.detail(admin, id);
            Ticket t = agentView.ticket();
            if (t.stateKind() == StateKind.CLOSED) {
                assertThat(TicketEngineAccess.pendingTimers(jdbi, tenant, id)).as("timers of closed ticket %s", t.number()).isZero();
            }
            if (t.stateKind() == StateKind.NEW) {
                assertThat(t.assignee()).as("assignee of new ticket %s", t.number()).isNull();
            } else if (t.stateKind().open()) {
                assertThat(t.assignee()).as("assignee of %s ticket %s", t.state(), t.number()).isNotNull();
            }
            TicketDetail requesterView = f.queries.detail(Actor.of(tenant, t.requester().userId()), id);
            if (requesterView.view() == TicketView.PUBLIC) {
                assertThat(requesterView.timeline()).noneMatch(TicketEvent::internal);
            }
            long audited = oa.service(AuditLog.class).forTarget(admin, "ticket", Long.toString(id)).stream()
                    .filter(r -> r.action().startsWith("tk.ticket.")).count();
            assertThat(audited).as("audit entries of ticket %s", t.number()).isEqualTo((long) commandsOn.getOrDefault(id, 0));
        }
    }

    /** Reads the tables directly, to check the invariants without the module's own queries. */
    static final class TicketEngineAccess {
        static int pendingTimers(Jdbi jdbi, String tenant, long id) {
            return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oa_core_job WHERE tenant_id = :t AND status IN ('READY', 'RUNNING')"
                    + " AND dedupe_key IN (:a, :b)").bind("t", tenant).bind("a", "tk.overdue:" + id).bind("b", "tk.accept:" + id)
                    .mapTo(Integer.class).one());
        }

        static List<String> openChildren(Jdbi jdbi, String tenant, long id) {
            return jdbi.withHandle(h -> h.createQuery("SELECT number FROM oa_tk_ticket WHERE tenant_id = :t AND parent_id = :id"
                    + " AND state_kind NOT IN ('RESOLVED', 'CLOSED')").bind("t", tenant).bind("id", id).mapTo(String.class).list());
        }
    }
}
