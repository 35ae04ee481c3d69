package dev.oakit.crm;

import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.internal.job.JobRepository;
import dev.oakit.core.internal.job.JobWorker;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.internal.ForwardingCrmConnector;
import dev.oakit.crm.odoo.OdooCrmConfig;
import dev.oakit.crm.odoo.OdooCrmConnector;
import dev.oakit.crm.salesforce.SalesforceConfig;
import dev.oakit.crm.salesforce.SalesforceConnector;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.Tickets;
import dev.oakit.workflow.WorkflowPlugin;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case writes of one ticket, run in any order: random ticket changes (claim, start, reply, wait, resume, resolve,
 * reopen, accept, release) interleaved with runs of the jobs they cause (event deliveries and remote writes) in a random
 * order, some of them while a case write is under way (the ticket changes and the later writes land before it). At the
 * end the case on the fake CRM has the status of the ticket's final state and, resolved, its last resolution; each public
 * reply is on the case exactly once. Against the fake Salesforce and the fake Odoo, once per database of the matrix, each
 * on one OAKit whose job workers are off: the test's thread runs the jobs.
 */
class CaseWriteOrderProperties {
    private static final String T = "t1";
    private static final Actor ADMIN = Actor.admin(T, "root");
    private static final Actor SYSTEM = Actor.system(T);
    private static final Actor DAVE = Actor.of(T, "dave");
    private static final String[] OPS = {"claim", "start", "reply", "pend", "resume", "resolve", "reopen", "accept", "release"};
    /** Every state has a status, so the case's final status is the final state's (names the Odoo project has as stages). */
    private static final CaseRouting ROUTING = CaseRouting.of(new CaseRouting.Route("complaint", "care", null))
            .withStatus(StateKind.NEW, "New").withStatus(StateKind.ASSIGNED, "In Progress").withStatus(StateKind.IN_PROGRESS, "In Progress")
            .withStatus(StateKind.WAITING, "Waiting on Customer").withStatus(StateKind.RESOLVED, "Done").withStatus(StateKind.CLOSED, "Done");
    private static final Map<String, World> WORLDS = new HashMap<>();

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface On {
        TestDatabase.Kind value();
    }

    /** Skips a property whose database is not selected ({@code OAKIT_TEST_DATABASES}) or, outside CI, not reachable. */
    public static final class SelectedDatabase implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return context.findAnnotation(On.class).flatMap(on -> on.value().database().skipReason()).map(SkipResult::skip)
                    .orElse(SkipResult.doNotSkip());
        }
    }

    /**
     * A step: a ticket change; a run of the pending job at {@code pick}; or, with {@code during}, the ticket change made while
     * the next case write is under way, followed there by every job it causes.
     */
    record Step(String op, int pick, Kind kind) {
        enum Kind { CHANGE, RUN_JOB, DURING_NEXT_WRITE }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(OPS), Arbitraries.integers().between(0, 20),
                Arbitraries.of(Step.Kind.values())).as(Step::new);
        return step.list().ofMinSize(3).ofMaxSize(25);
    }

    @Property(tries = 12)
    @On(TestDatabase.Kind.H2)
    @AddLifecycleHook(SelectedDatabase.class)
    void salesforceOnH2(@ForAll("steps") List<Step> steps, @ForAll long seed) {
        world("salesforce", TestDatabase.Kind.H2).check(steps, seed);
    }

    @Property(tries = 12)
    @On(TestDatabase.Kind.H2)
    @AddLifecycleHook(SelectedDatabase.class)
    void odooOnH2(@ForAll("steps") List<Step> steps, @ForAll long seed) {
        world("odoo-crm", TestDatabase.Kind.H2).check(steps, seed);
    }

    @Property(tries = 6)
    @On(TestDatabase.Kind.POSTGRESQL)
    @AddLifecycleHook(SelectedDatabase.class)
    void salesforceOnPostgresql(@ForAll("steps") List<Step> steps, @ForAll long seed) {
        world("salesforce", TestDatabase.Kind.POSTGRESQL).check(steps, seed);
    }

    @Property(tries = 6)
    @On(TestDatabase.Kind.POSTGRESQL)
    @AddLifecycleHook(SelectedDatabase.class)
    void odooOnPostgresql(@ForAll("steps") List<Step> steps, @ForAll long seed) {
        world("odoo-crm", TestDatabase.Kind.POSTGRESQL).check(steps, seed);
    }

    @Property(tries = 6)
    @On(TestDatabase.Kind.MARIADB)
    @AddLifecycleHook(SelectedDatabase.class)
    void salesforceOnMariadb(@ForAll("steps") List<Step> steps, @ForAll long seed) {
        world("salesforce", TestDatabase.Kind.MARIADB).check(steps, seed);
    }

    @Property(tries = 6)
    @On(TestDatabase.Kind.MARIADB)
    @AddLifecycleHook(SelectedDatabase.class)
    void odooOnMariadb(@ForAll("steps") List<Step> steps, @ForAll long seed) {
        world("odoo-crm", TestDatabase.Kind.MARIADB).check(steps, seed);
    }

    @AfterContainer
    static void closeWorlds() throws Exception {
        for (World w : WORLDS.values()) {
            w.close();
        }
        WORLDS.clear();
    }

    private static synchronized World world(String target, TestDatabase.Kind kind) {
        return WORLDS.computeIfAbsent(target + "/" + kind, k -> {
            try {
                return new World(target, kind);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the " + target + " world on " + kind.label(), e);
            }
        });
    }

    /** One OAKit with the bridge and one fake CRM; job workers off. */
    static final class World implements AutoCloseable {
        final String target;
        final TestDatabase db;
        final FakeSalesforce sf;
        final FakeOdoo odoo;
        final long support;
        final OaKit oa;
        final Tickets tickets;
        final TicketQueries queries;
        final Hook hook = new Hook();
        private final List<JobRepository.Claimed> pending = new ArrayList<>();
        private Random random = new Random();
        private final AtomicInteger cases = new AtomicInteger();

        World(String target, TestDatabase.Kind kind) throws Exception {
            this(target, kind, ds -> ds);
        }

        /** @param pool what OAKit gets of the world's database (a counting pool, say) */
        World(String target, TestDatabase.Kind kind, java.util.function.UnaryOperator<javax.sql.DataSource> pool) throws Exception {
            this.target = target;
            db = TestDatabase.open(kind);
            CrmConnector connector;
            if (target.equals("salesforce")) {
                sf = FakeSalesforce.start();
                odoo = null;
                support = 0;
                connector = new SalesforceConnector(SalesforceConfig.of(target, sf.baseUri(), sf.clientId(), sf.clientSecret(), sf.refreshToken()));
            } else {
                sf = null;
                odoo = FakeOdoo.start();
                support = odoo.create("project.project", Map.of("name", "Support"));
                int seq = 1;
                for (String stage : List.of("New", "In Progress", "Waiting on Customer")) {
                    odoo.create("project.task.type", Map.of("name", stage, "sequence", seq++, "project_ids", List.of(support)));
                }
                connector = new OdooCrmConnector(OdooCrmConfig.of(target, odoo.baseUri(), odoo.database(), odoo.login(), odoo.apiKey())
                        .withSupportProject("Support"));
            }
            oa = db.builder().dataSource(pool.apply(db.dataSource())).config("core", Map.of("jobs", Map.of("enabled", false)))
                    .config("integration", Map.of("callTimeout", "PT10S", "lease", "PT60S", "retryInitial", "PT0.05S", "retryMax", "PT0.3S"))
                    .plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new TicketPlugin())
                    .plugin(new CrmBridgePlugin(new Hooked(connector, hook)).caseRouting(ROUTING)).build().start();
            HelpDesk.seed(oa, ADMIN);
            tickets = oa.service(Tickets.class);
            queries = oa.service(TicketQueries.class);
            oa.service(ChangePulls.class).schedule(ADMIN, PullSpec.of(target, CrmConnector.CASES));
        }

        void check(List<Step> steps, long seed) {
            random = new Random(seed);
            pending.clear();
            drain();
            String caseId = newCase();
            long ticketId = ticketOf(caseId);
            List<String> replies = new ArrayList<>();
            for (Step s : steps) {
                switch (s.kind()) {
                    case CHANGE -> change(ticketId, s.op(), replies);
                    case RUN_JOB -> runOne(s.pick());
                    case DURING_NEXT_WRITE -> hook.arm(() -> {
                        change(ticketId, s.op(), replies);
                        runDue(); // the write under way is not done: the others overtake it
                    });
                }
            }
            hook.disarm();
            drain();
            Ticket t = queries.detail(ADMIN, ticketId).ticket();
            String resolution = lastResolution(ticketId);
            assertThat(status(caseId)).as("the case's status; the ticket ended '%s' after %s", t.state(), steps)
                    .isEqualToIgnoringCase(ROUTING.status(t.stateKind()));
            if (!t.stateKind().open() && resolution != null) {
                assertThat(resolution(caseId)).as("the case's resolution after %s", steps).isEqualTo(resolution);
            }
            assertThat(replies(caseId)).as("the replies on the case after %s", steps).containsExactlyInAnyOrderElementsOf(replies);
        }

        void change(long ticketId, String op, List<String> replies) {
            try {
                switch (op) {
                    case "claim" -> tickets.claim(DAVE, ticketId);
                    case "start" -> tickets.start(DAVE, ticketId);
                    case "release" -> tickets.release(DAVE, ticketId);
                    case "reply" -> {
                        String body = "reply " + (replies.size() + 1) + " " + Long.toHexString(random.nextLong());
                        tickets.reply(DAVE, ticketId, body, List.of());
                        replies.add(body);
                    }
                    case "resolve" -> tickets.resolve(DAVE, ticketId, "fixed " + Long.toHexString(random.nextLong()));
                    case "reopen", "accept" -> tickets.act(ADMIN, ticketId, op, "by the customer");
                    default -> tickets.act(DAVE, ticketId, op, "because");
                }
            } catch (OaException notNow) {
                // not allowed in the ticket's state: the sequence goes on
            }
        }

        private String lastResolution(long ticketId) {
            List<TicketEvent> resolved = queries.detail(ADMIN, ticketId).timeline().stream().filter(e -> e.kind() == TicketEventKind.RESOLVED).toList();
            return resolved.isEmpty() ? null : resolved.get(resolved.size() - 1).body();
        }

        String newCase() {
            int n = cases.incrementAndGet();
            if (sf != null) {
                return sf.insert("Case", Map.of("Subject", "Drill " + n, "Status", "New"));
            }
            return String.valueOf(odoo.create("project.task", Map.of("name", "Drill " + n, "project_id", support)));
        }

        long ticketOf(String caseId) {
            IdMap idMap = oa.service(IdMap.class);
            for (int i = 0; i < 200; i++) {
                oa.service(ChangePulls.class).pullNow(ADMIN, target, CrmConnector.CASES);
                drain();
                Optional<String> id = idMap.localId(SYSTEM, ExternalRef.of(target, "case", caseId));
                if (id.isPresent()) {
                    return Long.parseLong(id.get());
                }
                pause();
            }
            throw new AssertionError("case " + caseId + " of " + target + " became no ticket");
        }

        /** Claims what is due now into the pending jobs, then runs the one at {@code pick}. */
        private void runOne(int pick) {
            claimDue();
            if (!pending.isEmpty()) {
                run(pending.remove(pick % pending.size()));
            }
        }

        /** Runs every pending and due job, in a random order, until none is left. */
        private void runDue() {
            for (int round = 0; round < 400; round++) {
                claimDue();
                if (pending.isEmpty()) {
                    return;
                }
                run(pending.remove(random.nextInt(pending.size())));
            }
        }

        /** Runs every pending and due job, in a random order, until none is left and every remote write is done. */
        void drain() {
            RemoteWrites writes = oa.service(RemoteWrites.class);
            for (int round = 0; round < 400; round++) {
                claimDue();
                if (pending.isEmpty()) {
                    if (writes.deadLetters(ADMIN, null, 10).isEmpty() && noWriteOpen()) {
                        return;
                    }
                    pause(); // a retry waits for its backoff
                    continue;
                }
                run(pending.remove(random.nextInt(pending.size())));
            }
            throw new AssertionError("the jobs of " + target + " did not settle; dead letters: " + writes.deadLetters(ADMIN, null, 10)
                    + "; open writes: " + openWrites());
        }

        private boolean noWriteOpen() {
            return openWrites().isEmpty();
        }

        private List<String> openWrites() {
            try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.ResultSet rs = c.createStatement().executeQuery(
                    "SELECT write_key, status, last_error FROM oa_int_write WHERE status NOT IN ('CONFIRMED', 'FAILED')")) {
                List<String> open = new ArrayList<>();
                while (rs.next()) {
                    open.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
                return open;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private void claimDue() {
            JobWorker worker = OaKitTestAccess.worker(oa);
            pending.addAll(OaKitTestAccess.jobStore(oa).claim(worker.nodeId(), 50, Instant.now(), Duration.ofMinutes(5)));
        }

        private void run(JobRepository.Claimed job) {
            OaKitTestAccess.worker(oa).runClaimed(job);
        }

        private static void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String status(String caseId) {
            if (sf != null) {
                return String.valueOf(sf.record("Case", caseId).orElseThrow().get("Status"));
            }
            Map<String, Object> task = odoo.record("project.task", Long.parseLong(caseId)).orElseThrow();
            if ("1_done".equals(task.get("state"))) {
                return "Done";
            }
            Object stage = task.get("stage_id");
            return stage instanceof List<?> l && l.size() > 1 ? String.valueOf(l.get(1)) : "New";
        }

        private String resolution(String caseId) {
            if (sf != null) {
                return String.valueOf(sf.record("Case", caseId).orElseThrow().get("OAKit_Resolution__c"));
            }
            List<String> bodies = chatter(caseId).stream().filter(b -> b.startsWith("Resolution: ")).toList();
            return bodies.isEmpty() ? null : bodies.get(bodies.size() - 1).substring("Resolution: ".length());
        }

        private List<String> replies(String caseId) {
            if (sf != null) {
                return sf.records("CaseComment").stream().filter(c -> caseId.equals(c.get("ParentId")))
                        .map(c -> String.valueOf(c.get("CommentBody"))).map(b -> b.contains("\n\n[ref: ") ? b.substring(0, b.indexOf("\n\n[ref: ")) : b)
                        .toList();
            }
            return chatter(caseId).stream().filter(b -> !b.startsWith("Resolution: ")).toList();
        }

        private List<String> chatter(String caseId) {
            long task = Long.parseLong(caseId);
            return odoo.records("mail.message").stream().filter(m -> Long.valueOf(task).equals(m.get("res_id")))
                    .sorted(java.util.Comparator.comparingLong(m -> ((Number) m.get("id")).longValue())).map(m -> String.valueOf(m.get("body"))).toList();
        }

        @Override
        public void close() throws Exception {
            oa.close();
            if (sf != null) {
                sf.close();
            }
            if (odoo != null) {
                odoo.close();
            }
            db.close();
        }
    }

    /** Runs an armed action while the next case write is under way: after the bridge built it, before it reaches the CRM. */
    static final class Hook {
        private Runnable armed;
        private boolean running;

        synchronized void arm(Runnable action) {
            armed = action;
        }

        synchronized void disarm() {
            armed = null;
        }

        void beforeCall() {
            Runnable action;
            synchronized (this) {
                if (running || armed == null) {
                    return;
                }
                action = armed;
                armed = null;
                running = true;
            }
            try {
                action.run();
            } finally {
                synchronized (this) {
                    running = false;
                }
            }
        }
    }

    /** The connector with the hook in its case writes; everything else passes through. */
    static final class Hooked extends ForwardingCrmConnector {
        private final Hook hook;

        Hooked(CrmConnector c, Hook hook) {
            super(c);
            this.hook = hook;
        }

        @Override
        protected RemoteCreate<CaseUpdate> caseWrite(RemoteCreate<CaseUpdate> op) {
            return new ForwardingCaseWrite(op) {
                @Override
                public String create(CallContext call, String key, CaseUpdate payload) throws RemoteCallException {
                    hook.beforeCall();
                    return super.create(call, key, payload);
                }
            };
        }
    }
}
