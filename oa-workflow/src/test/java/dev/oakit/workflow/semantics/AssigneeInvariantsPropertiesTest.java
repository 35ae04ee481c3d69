package dev.oakit.workflow.semantics;

import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.internal.job.JobRepository;
import dev.oakit.core.internal.job.JobWorker;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.OutOfOffice;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.SignerPosition;
import dev.oakit.workflow.Timeout;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows I9–I10 of docs/approval-semantics.md: over random proxy set-ups (chains, loops, proxies
 * pointing at the initiator or at a co-signer, ranges in force or not, absences) and random actions
 * (approve, reject, transfer, delegate, resolve, add signer, claim, release, timeouts firing,
 * handover, a proxy that moves open tasks), checked after every step: no instance is approved by
 * its initiator where its definition does not let them, and nobody holds two seats at one node.
 * Runs once per database of the matrix, each on one OAKit with a hand-moved clock whose timeout
 * jobs run on the test's thread.
 */
class AssigneeInvariantsPropertiesTest {
    private static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin", "fay", "gus", "hal", "zhao", "root");
    private static final List<String> INITIATORS = List.of("alice", "bob", "dave", "erin", "fay");
    /** The nodes where the approver rule names the initiator and keeps them (KEEP): there, and only there, they may decide. */
    private static final Map<String, List<String>> KEEPING = Map.of("pa/n1", List.of(), "pa/n2", List.of(),
            "pb/n1", List.of(), "pb/n2", List.of(), "pc/n1", List.of("dave", "erin", "alice"), "pc/n2", List.of("carol", "gus"));
    private static final Map<TestDatabase.Kind, World> WORLDS = new EnumMap<>(TestDatabase.Kind.class);

    /** The database a property runs on; {@link SelectedDatabase} skips it when it is not in the matrix. */
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

    /** One OAKit on one database: a hand-moved clock, job workers off (due jobs run on the test's thread). */
    static final class World implements AutoCloseable {
        final TestDatabase db;
        final ManualClock clock = new ManualClock();
        final OaKit oa;
        final WorkflowFixture f;
        final OutOfOffice ooo;

        World(TestDatabase.Kind kind) throws SQLException {
            db = TestDatabase.open(kind);
            oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(db.dataSource()).clock(clock).plugin(new WorkflowPlugin())
                    .config("core", Map.of("jobs", Map.of("enabled", false))).build().start();
            f = new WorkflowFixture(oa);
            ooo = oa.service(OutOfOffice.class);
            definitions().forEach(d -> f.definitions.deploy(f.admin, d));
        }

        /** Runs every job that is due now, in order, until none is left. */
        void runDueJobs() {
            JobWorker worker = OaKitTestAccess.worker(oa);
            JobRepository store = OaKitTestAccess.jobStore(oa);
            for (int round = 0; round < 20; round++) {
                List<JobRepository.Claimed> due = store.claim(worker.nodeId(), 50, clock.instant(), Duration.ofMinutes(5));
                if (due.isEmpty()) {
                    return;
                }
                due.forEach(worker::runClaimed);
            }
        }

        @Override
        public void close() throws Exception {
            oa.close();
            db.close();
        }
    }

    private static synchronized World world(TestDatabase.Kind kind) {
        return WORLDS.computeIfAbsent(kind, k -> {
            try {
                return new World(k);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create a schema on " + k.label(), e);
            }
        });
    }

    @AfterContainer
    static void close() throws Exception {
        for (World w : WORLDS.values()) {
            w.close();
        }
        WORLDS.clear();
    }

    /** The initiator is named at SKIP and MANAGER nodes (pa, pb) and at a KEEP node (pc); every node has a timeout ladder. */
    static List<ProcessDefinition> definitions() {
        Deadline ladder = Deadline.of("PT1H").timeouts(Timeout.at("PT0S", Timeout.Action.REASSIGN_TO_MANAGER),
                Timeout.at("PT30M", Timeout.Action.ADD_MANAGER));
        Deadline adding = Deadline.of("PT1H").timeouts(Timeout.at("PT0S", Timeout.Action.ADD_MANAGER),
                Timeout.at("PT30M", Timeout.Action.REASSIGN_TO_MANAGER));
        return List.of(
                ProcessDefinition.builder("pa").form(WorkflowFixture.leaveForm()).start("start")
                        .approval("n1", a -> a.approver(ApproverRule.users("bob", "carol", "dave", "alice"))
                                .whenInitiator(Node.InitiatorApprover.SKIP).deadline(ladder))
                        .approval("n2", a -> a.mode(ApprovalMode.SEQUENTIAL).approver(ApproverRule.users("erin", "fay", "bob", "dave"))
                                .separateFrom("n1").whenInitiator(Node.InitiatorApprover.MANAGER).onEmpty(Node.NoApprover.ADMIN)
                                .deadline(adding))
                        .end("end").chain("start", "n1", "n2", "end").build(),
                ProcessDefinition.builder("pb").form(WorkflowFixture.leaveForm()).start("start")
                        .approval("n1", a -> a.approver(ApproverRule.role("finance")).pool().whenInitiator(Node.InitiatorApprover.SKIP)
                                .deadline(ladder))
                        .approval("n2", a -> a.vote("0.5", false).approver(ApproverRule.users("bob", "carol", "zhao", "erin", "fay"))
                                .separateFrom("n1").whenInitiator(Node.InitiatorApprover.MANAGER).deadline(adding))
                        .end("end").chain("start", "n1", "n2", "end").build(),
                ProcessDefinition.builder("pc").form(WorkflowFixture.leaveForm()).start("start")
                        .approval("n1", a -> a.mode(ApprovalMode.ANY).approver(ApproverRule.users("dave", "erin", "alice")).deadline(ladder))
                        .approval("n2", a -> a.approver(ApproverRule.users("carol", "gus")).deadline(adding))
                        .end("end").chain("start", "n1", "n2", "end").build());
    }

    /** A proxy rule: {@code proxy} -1 is the initiator; hours relative to the try's start. */
    record Rule(int user, int proxy, int fromHours, int hours, boolean thisProcessOnly) {
    }

    /** An absence, hours relative to the try's start. */
    record Away(int user, int fromHours, int hours) {
    }

    record Setup(String process, int initiator, List<Rule> rules, List<Away> absences) {
    }

    enum Kind { APPROVE, REJECT, TRANSFER, DELEGATE, RESOLVE, ADD_SIGNER, CLAIM, RELEASE, TIMEOUT, HANDOVER, SET_PROXY }

    /** One action; {@code other} 0 names the initiator. */
    record Step(Kind kind, int pick, int who, int other, boolean byAssignee, boolean flag) {
    }

    @Provide
    Arbitrary<Setup> setups() {
        Arbitrary<Integer> anyone = Arbitraries.integers().between(0, USERS.size() - 1);
        Arbitrary<Integer> proxy = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(-1)), Tuple.of(7, anyone));
        Arbitrary<Rule> rule = Combinators.combine(anyone, proxy, Arbitraries.integers().between(-24, 6),
                Arbitraries.integers().between(6, 96), Arbitraries.of(false, false, true)).as(Rule::new);
        Arbitrary<Away> away = Combinators.combine(anyone, Arbitraries.integers().between(-24, 24), Arbitraries.integers().between(1, 72))
                .as(Away::new);
        return Combinators.combine(Arbitraries.of("pa", "pb", "pc"), Arbitraries.integers().between(0, INITIATORS.size() - 1),
                rule.list().ofMaxSize(10), away.list().ofMaxSize(2)).as(Setup::new);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(8, Kind.APPROVE), Tuple.of(1, Kind.REJECT), Tuple.of(3, Kind.TRANSFER),
                Tuple.of(3, Kind.DELEGATE), Tuple.of(2, Kind.RESOLVE), Tuple.of(3, Kind.ADD_SIGNER), Tuple.of(3, Kind.CLAIM),
                Tuple.of(1, Kind.RELEASE), Tuple.of(3, Kind.TIMEOUT), Tuple.of(1, Kind.HANDOVER), Tuple.of(2, Kind.SET_PROXY));
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 9);
        return Combinators.combine(kinds, small, small, small, Arbitraries.of(true, true, false), Arbitraries.of(true, false))
                .as(Step::new).list().ofMinSize(4).ofMaxSize(18);
    }

    @Property(tries = 30)
    @On(TestDatabase.Kind.H2)
    @AddLifecycleHook(SelectedDatabase.class)
    void onH2(@ForAll("setups") Setup setup, @ForAll("steps") List<Step> steps) throws SQLException {
        check(world(TestDatabase.Kind.H2), setup, steps);
    }

    @Property(tries = 30)
    @On(TestDatabase.Kind.POSTGRESQL)
    @AddLifecycleHook(SelectedDatabase.class)
    void onPostgresql(@ForAll("setups") Setup setup, @ForAll("steps") List<Step> steps) throws SQLException {
        check(world(TestDatabase.Kind.POSTGRESQL), setup, steps);
    }

    @Property(tries = 30)
    @On(TestDatabase.Kind.MARIADB)
    @AddLifecycleHook(SelectedDatabase.class)
    void onMariadb(@ForAll("setups") Setup setup, @ForAll("steps") List<Step> steps) throws SQLException {
        check(world(TestDatabase.Kind.MARIADB), setup, steps);
    }

    private static void check(World w, Setup setup, List<Step> steps) throws SQLException {
        w.clock.advance(Duration.ofDays(30)); // the rules and absences of earlier tries have ended
        Instant t0 = w.clock.instant();
        String initiator = INITIATORS.get(setup.initiator());
        for (Rule r : setup.rules()) {
            String proxy = r.proxy() < 0 ? initiator : USERS.get(r.proxy());
            ignoreRefusal(() -> w.ooo.setProxy(w.f.admin, new OutOfOffice.ProxyRequest(USERS.get(r.user()), proxy,
                    t0.plus(Duration.ofHours(r.fromHours())), t0.plus(Duration.ofHours(r.fromHours() + r.hours())),
                    r.thisProcessOnly() ? List.of(setup.process()) : List.of(), false)));
        }
        for (Away a : setup.absences()) {
            w.ooo.markAbsent(w.f.admin, USERS.get(a.user()), t0.plus(Duration.ofHours(a.fromHours())),
                    t0.plus(Duration.ofHours(a.fromHours() + a.hours())), null);
        }
        long id = w.f.start(initiator, setup.process(), WorkflowFixture.days(1)).id();
        String leaver = null;
        try {
            invariants(w, setup.process(), id, initiator, null);
            for (Step s : steps) {
                if (s.kind() == Kind.HANDOVER && leaver != null) {
                    continue;
                }
                String done;
                try {
                    done = apply(w, setup, id, initiator, s);
                    if (s.kind() == Kind.HANDOVER) {
                        leaver = USERS.get(s.who());
                    }
                } catch (OaException refused) {
                    done = "refused " + refused.code();
                }
                Statistics.label("step").collect(s.kind(), done == null ? "nothing to do" : done.startsWith("refused") ? "refused" : "done");
                invariants(w, setup.process(), id, initiator, s);
            }
            history(w, id).forEach(action -> Statistics.label("history").collect(action));
        } finally {
            ignoreRefusal(() -> w.f.approvals.cancel(w.f.admin, id, Decision.none()));
            if (leaver != null) {
                String back = leaver;
                ignoreRefusal(() -> w.f.directory.reactivateUser(w.f.admin, back));
            }
        }
    }

    /** Runs one step; returns what it did, or null when there was nothing to do. Refusals throw. */
    private static String apply(World w, Setup setup, long id, String initiator, Step s) throws SQLException {
        String process = setup.process();
        List<TaskRow> open = tasks(w, id).stream().filter(t -> t.status().equals("OPEN")).toList();
        TaskRow t = open.isEmpty() ? null : open.get(s.pick() % open.size());
        String random = USERS.get(s.who());
        String actor = t != null && s.byAssignee() && !t.assignee().isEmpty() ? t.assignee() : random;
        String other = s.other() == 0 ? initiator : USERS.get(s.other() % USERS.size());
        var a = w.f.approvals;
        Decision d = Decision.none();
        switch (s.kind()) {
            case TIMEOUT -> {
                w.clock.advance(Duration.ofMinutes(40));
                w.runDueJobs();
                return "timeouts";
            }
            case HANDOVER -> {
                if (random.equals("root")) {
                    return null;
                }
                w.ooo.handover(w.f.admin, random, s.flag() ? null : other);
                return "handover";
            }
            case SET_PROXY -> {
                Instant now = w.clock.instant();
                w.ooo.setProxy(w.f.admin, new OutOfOffice.ProxyRequest(random, other, now.minus(Duration.ofHours(1)),
                        now.plus(Duration.ofDays(2)), s.flag() ? List.of() : List.of(process), s.byAssignee()));
                return "proxy";
            }
            case CLAIM -> {
                TaskRow pooled = open.stream().filter(x -> x.assignee().isEmpty()).findFirst().orElse(null);
                if (pooled == null) {
                    return null;
                }
                a.claim(user(s.byAssignee() ? List.of("fay", "gus", "hal").get(s.who() % 3) : random), pooled.id(), d);
                return "claim";
            }
            default -> { }
        }
        if (t == null) {
            return null;
        }
        switch (s.kind()) {
            case APPROVE -> a.approve(user(actor), t.id(), d);
            case REJECT -> a.reject(user(actor), t.id(), d);
            case TRANSFER -> a.transfer(user(actor), t.id(), other, d);
            case DELEGATE -> a.delegate(user(actor), t.id(), other, d);
            case RESOLVE -> a.resolve(user(actor), t.id(), d);
            case RELEASE -> a.release(user(actor), t.id(), d);
            case ADD_SIGNER -> a.addSigner(user(actor), t.id(), SignerPosition.values()[s.other() % 3], signers(setup, initiator, s,
                    other, random), d);
            default -> throw new IllegalStateException(s.kind().name());
        }
        return s.kind().name();
    }

    /** One signer, two, or (now and then) a user of a proxy rule together with their proxy, in either order. */
    private static List<String> signers(Setup setup, String initiator, Step s, String other, String random) {
        if (s.flag()) {
            return List.of(other);
        }
        if (s.who() % 3 != 0 || setup.rules().isEmpty()) {
            return List.of(other, random);
        }
        Rule r = setup.rules().get(s.pick() % setup.rules().size());
        String user = USERS.get(r.user());
        String proxy = r.proxy() < 0 ? initiator : USERS.get(r.proxy());
        return s.byAssignee() ? List.of(user, proxy) : List.of(proxy, user);
    }

    /** I9 and I10, from the task rows. */
    private static void invariants(World w, String process, long id, String initiator, Step after) throws SQLException {
        List<TaskRow> tasks = tasks(w, id);
        Map<String, Set<String>> openSeats = new HashMap<>();
        Map<String, Set<String>> decisions = new HashMap<>();
        for (TaskRow t : tasks) {
            boolean mayDecide = KEEPING.get(process + "/" + t.node()).contains(initiator);
            boolean open = t.status().equals("OPEN") || t.status().equals("WAITING");
            Set<String> people = new HashSet<>();
            for (String p : open ? List.of(t.assignee(), str(t.owner()), str(t.proxyFor())) : List.of(str(t.actedBy()), str(t.proxyFor()))) {
                if (!p.isEmpty() && !p.equals(Actor.SYSTEM_USER)) {
                    people.add(p);
                }
            }
            boolean decided = !open && List.of("APPROVED", "REJECTED").contains(t.outcome());
            if (!mayDecide && (open || decided)) {
                // I9: the initiator never sits, and never decides, where the definition does not let them approve
                assertThat(people).as("initiator %s at %s/%s after %s: %s", initiator, process, t.node(), after, tasks)
                        .doesNotContain(initiator);
            }
            String seat = t.node() + "#" + t.round();
            for (String p : people) {
                // I10: one seat (open task) per person and node, one decision per person, node and round
                if (open) {
                    assertThat(openSeats.computeIfAbsent(seat, k -> new HashSet<>()).add(p))
                            .as("%s holds two open tasks at %s after %s: %s", p, seat, after, tasks).isTrue();
                } else if (decided) {
                    assertThat(decisions.computeIfAbsent(seat, k -> new HashSet<>()).add(p))
                            .as("%s decided twice at %s after %s: %s", p, seat, after, tasks).isTrue();
                }
            }
        }
        for (Map.Entry<String, Set<String>> e : openSeats.entrySet()) {
            // nobody who decided at a node in this round holds an open task of it again
            Set<String> again = new HashSet<>(e.getValue());
            again.retainAll(decisions.getOrDefault(e.getKey(), Set.of()));
            assertThat(again).as("deciders hold a task again at %s after %s: %s", e.getKey(), after, tasks).isEmpty();
        }
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }

    record TaskRow(long id, String node, int round, String assignee, String owner, String proxyFor, String status, String outcome,
                   String actedBy) {
    }

    private static List<TaskRow> tasks(World w, long id) throws SQLException {
        try (Connection c = w.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, node_id, round, assignee_id, owner_id, proxy_for, status, outcome, acted_by FROM oa_wf_task"
                        + " WHERE instance_id = ? ORDER BY id")) {
            ps.setLong(1, id);
            List<TaskRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TaskRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
            return out;
        }
    }

    private static List<String> history(World w, long id) {
        return w.f.queries.detail(w.f.admin, id).timeline().stream().map(h -> h.action()).toList();
    }

    private static void ignoreRefusal(Runnable r) {
        try {
            r.run();
        } catch (OaException refused) {
            // the set-up or clean-up step does not apply (an invalid proxy, an ended instance)
        }
    }
}
