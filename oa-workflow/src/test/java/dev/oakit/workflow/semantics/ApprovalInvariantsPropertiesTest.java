package dev.oakit.workflow.semantics;

import com.zaxxer.hikari.HikariDataSource;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditRecord;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.SignerPosition;
import dev.oakit.workflow.WorkflowFixture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command sequences (by the right and by random actors) over SEQUENTIAL, ALL, ANY and VOTE
 * nodes, with the invariants of docs/approval-semantics.md (rows I1–I8) checked after every step.
 */
class ApprovalInvariantsPropertiesTest {
    private static final List<String> USERS = List.of("bob", "carol", "dave", "erin", "fay", "gus", "hal", "alice", "zhao", "root");
    private static final List<String> DEACTIVATABLE = List.of("dave", "erin", "fay", "gus", "hal");
    private static final BigDecimal RATIO = new BigDecimal("0.6");
    private static MemoryWorkflow memory;
    private static HikariDataSource ds;
    private static OaKit oa;
    private static WorkflowFixture f;

    enum Kind { APPROVE, REJECT, RETURN, WITHDRAW, TRANSFER, DELEGATE, RESOLVE, ADD_SIGNER, REMOVE_SIGNER, CANCEL, RESUBMIT, DEACTIVATE }

    record Step(Kind kind, int who, int pick, int extra, boolean byAssignee, boolean replay) {
    }

    private static synchronized WorkflowFixture fixture() {
        if (f == null) {
            memory = MemoryWorkflow.start();
            ds = memory.dataSource();
            oa = memory.oa();
            f = new WorkflowFixture(oa);
            for (ApprovalMode m : ApprovalMode.values()) {
                f.definitions.deploy(f.admin, definition(m));
            }
        }
        return f;
    }

    @AfterContainer
    static void close() {
        if (memory != null) {
            memory.close();
        }
    }

    /** start → n1 (mode, bob carol dave erin) → n2 (ALL, zhao) → end. */
    static ProcessDefinition definition(ApprovalMode m) {
        return ProcessDefinition.builder("inv-" + m.name().toLowerCase()).form(WorkflowFixture.leaveForm()).start("start")
                .approval("n1", a -> {
                    a.mode(m).approver(ApproverRule.users("bob", "carol", "dave", "erin"));
                    if (m == ApprovalMode.VOTE) {
                        a.vote(RATIO.toPlainString(), false);
                    }
                })
                .approval("n2", a -> a.approver(ApproverRule.users("zhao")))
                .end("end").chain("start", "n1", "n2", "end").build();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(8, Kind.APPROVE), net.jqwik.api.Tuple.of(2, Kind.REJECT), net.jqwik.api.Tuple.of(2, Kind.RETURN),
                net.jqwik.api.Tuple.of(2, Kind.WITHDRAW), net.jqwik.api.Tuple.of(2, Kind.TRANSFER), net.jqwik.api.Tuple.of(2, Kind.DELEGATE),
                net.jqwik.api.Tuple.of(2, Kind.RESOLVE), net.jqwik.api.Tuple.of(2, Kind.ADD_SIGNER), net.jqwik.api.Tuple.of(2, Kind.REMOVE_SIGNER),
                net.jqwik.api.Tuple.of(1, Kind.CANCEL), net.jqwik.api.Tuple.of(2, Kind.RESUBMIT), net.jqwik.api.Tuple.of(1, Kind.DEACTIVATE));
        Arbitrary<Step> step = Combinators.combine(kinds, Arbitraries.integers().between(0, USERS.size() - 1),
                        Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 9),
                        Arbitraries.of(true, true, true, false), Arbitraries.of(false, false, false, true))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 40)
    void sequentialInvariants(@ForAll("steps") List<Step> steps) throws Exception {
        check(ApprovalMode.SEQUENTIAL, steps);
    }

    @Property(tries = 40)
    void allInvariants(@ForAll("steps") List<Step> steps) throws Exception {
        check(ApprovalMode.ALL, steps);
    }

    @Property(tries = 40)
    void anyInvariants(@ForAll("steps") List<Step> steps) throws Exception {
        check(ApprovalMode.ANY, steps);
    }

    @Property(tries = 40)
    void voteInvariants(@ForAll("steps") List<Step> steps) throws Exception {
        check(ApprovalMode.VOTE, steps);
    }

    private void check(ApprovalMode mode, List<Step> steps) throws Exception {
        WorkflowFixture f = fixture();
        long id = f.start("alice", "inv-" + mode.name().toLowerCase(), WorkflowFixture.days(1)).id();
        String deactivated = null;
        long tasksBeforeDeactivation = Long.MAX_VALUE;
        try {
            for (Step s : steps) {
                if (s.kind() == Kind.DEACTIVATE) {
                    if (deactivated == null) {
                        deactivated = DEACTIVATABLE.get(s.pick() % DEACTIVATABLE.size());
                        tasksBeforeDeactivation = maxTaskId();
                        f.directory.deactivateUser(f.admin, deactivated);
                        // the hand-over of their tasks runs on the listener job: let it finish before the next step
                        awaitDeliveries();
                    }
                    continue;
                }
                List<TaskRow> before = tasks(id);
                boolean n1WasActive = f.queries.detail(f.admin, id).instance().activeNodes().contains("n1");
                int history = f.queries.detail(f.admin, id).timeline().size();
                AuditRecord auditBefore = newestAudit();
                Decision decision = Decision.none().withRequestId("r-" + UUID.randomUUID());
                String action = null;
                try {
                    action = apply(f, id, s, before, decision);
                } catch (ForbiddenException | ConflictException | ValidationException expected) {
                    action = null;
                    // I8: a refused action changes nothing
                    assertThat(f.queries.detail(f.admin, id).timeline()).as("refused %s", s).hasSize(history);
                    assertThat(tasks(id)).as("refused %s", s).isEqualTo(before);
                }
                if (action != null) {
                    int after = f.queries.detail(f.admin, id).timeline().size();
                    // I6: every successful action has a history entry and an audit entry
                    assertThat(after).as("history after %s", s).isGreaterThan(history);
                    AuditRecord audit = newestAudit();
                    assertThat(audit.seq()).isGreaterThan(auditBefore == null ? -1 : auditBefore.seq());
                    assertThat(audit.action()).isEqualTo(action);
                    // I7: repeating the request id changes nothing
                    List<TaskRow> snapshot = tasks(id);
                    if (s.replay()) {
                        apply(f, id, s, before, decision);
                        assertThat(f.queries.detail(f.admin, id).timeline()).hasSize(after);
                        assertThat(tasks(id)).isEqualTo(snapshot);
                        assertThat(newestAudit().seq()).isEqualTo(audit.seq());
                    }
                }
                net.jqwik.api.statistics.Statistics.label("step").collect(s.kind(), action != null ? "done" : "refused/none");
                invariants(f, id, mode, s, action, n1WasActive, deactivated, tasksBeforeDeactivation);
            }
        } finally {
            if (deactivated != null) {
                f.directory.reactivateUser(f.admin, deactivated);
            }
        }
    }

    /** Runs one step; returns the audited action name, or null when there was nothing to do. */
    private String apply(WorkflowFixture f, long id, Step s, List<TaskRow> tasks, Decision d) {
        List<TaskRow> open = tasks.stream().filter(t -> t.status().equals("OPEN")).toList();
        String random = USERS.get(s.who());
        TaskRow t = open.isEmpty() ? null : open.get(s.pick() % open.size());
        String actor = t != null && s.byAssignee() ? t.assignee() : random;
        String other = USERS.get(s.extra() % USERS.size());
        var a = f.approvals;
        switch (s.kind()) {
            case APPROVE -> { if (t == null) return null; a.approve(user(actor), t.id(), d); return "wf.task.approve"; }
            case REJECT -> { if (t == null) return null; a.reject(user(actor), t.id(), d); return "wf.task.reject"; }
            case RETURN -> {
                if (t == null) return null;
                a.returnTo(user(actor), t.id(), s.extra() % 2 == 0 ? null : "start", d);
                return "wf.task.return";
            }
            case TRANSFER -> { if (t == null) return null; a.transfer(user(actor), t.id(), other, d); return "wf.task.transfer"; }
            case DELEGATE -> { if (t == null) return null; a.delegate(user(actor), t.id(), other, d); return "wf.task.delegate"; }
            case RESOLVE -> { if (t == null) return null; a.resolve(user(actor), t.id(), d); return "wf.task.resolve"; }
            case ADD_SIGNER -> {
                if (t == null) return null;
                SignerPosition p = SignerPosition.values()[s.extra() % 3];
                a.addSigner(user(actor), t.id(), p, List.of(other), d);
                return "wf.task.add-signer";
            }
            case REMOVE_SIGNER -> {
                if (t == null) return null;
                String victim = open.get(s.extra() % open.size()).assignee();
                a.removeSigner(s.who() == USERS.indexOf("root") ? f.admin : user(actor), t.id(), victim, d);
                return "wf.task.remove-signer";
            }
            case WITHDRAW -> {
                String who = s.byAssignee() ? (s.extra() % 2 == 0 ? "alice" : lastApprover(tasks)) : random;
                if (who == null) return null;
                a.withdraw(user(who), id, d);
                return "wf.instance.withdraw";
            }
            case CANCEL -> { a.cancel(s.who() == USERS.indexOf("root") ? f.admin : user(s.byAssignee() ? "alice" : random), id, d); return "wf.instance.cancel"; }
            case RESUBMIT -> { a.resubmit(user(s.byAssignee() ? "alice" : random), id, d); return "wf.instance.resubmit"; }
            default -> throw new IllegalStateException();
        }
    }

    private static String lastApprover(List<TaskRow> tasks) {
        return tasks.stream().filter(t -> "APPROVED".equals(t.outcome())).reduce((x, y) -> y).map(TaskRow::actedBy).orElse(null);
    }

    private void invariants(WorkflowFixture f, long id, ApprovalMode mode, Step s, String action, boolean n1WasActive,
                            String deactivated, long tasksBeforeDeactivation) throws SQLException {
        InstanceStatus status = f.queries.detail(f.admin, id).instance().status();
        List<String> active = f.queries.detail(f.admin, id).instance().activeNodes();
        List<TaskRow> tasks = tasks(id);
        // I1: an ended or returned instance has no OPEN/WAITING task, and no active node
        if (status.ended() || status == InstanceStatus.RETURNED) {
            assertThat(tasks).as("open tasks of %s instance after %s", status, s)
                    .noneMatch(t -> t.status().equals("OPEN") || t.status().equals("WAITING"));
            assertThat(active).isEmpty();
        } else {
            // every open task belongs to an active node
            assertThat(tasks).filteredOn(t -> t.status().equals("OPEN") || t.status().equals("WAITING"))
                    .allMatch(t -> active.contains(t.node()));
        }
        // I5: no task goes to an inactive user
        if (deactivated != null) {
            String gone = deactivated;
            assertThat(tasks).as("tasks created for inactive %s", gone)
                    .noneMatch(t -> t.id() > tasksBeforeDeactivation && t.assignee().equals(gone) && !"RESOLVED_BACK".equals(t.kind()));
        }
        // the node n1 was completed by this step: check how
        boolean n1Completed = n1WasActive && action != null && !active.contains("n1")
                && (active.contains("n2") || status == InstanceStatus.APPROVED);
        if (!n1Completed) {
            if (mode == ApprovalMode.VOTE && n1WasActive && status == InstanceStatus.REJECTED && "wf.task.reject".equals(action)) {
                List<TaskRow> round = lastRound(tasks, "n1");
                long approvals = round.stream().filter(t -> voter(t) && "APPROVED".equals(t.outcome())).count();
                long rejected = round.stream().filter(t -> voter(t) && "REJECTED".equals(t.outcome())).count();
                long stillOpen = round.stream().filter(t -> voter(t) && "INSTANCE_ENDED".equals(t.outcome())).count();
                long voters = approvals + rejected + stillOpen;
                if (rejected > 0 && round.stream().noneMatch(t -> t.kind().equals("BEFORE") || t.kind().equals("AFTER"))) {
                    // I4b: a vote fails only once the threshold is out of reach
                    assertThat(BigDecimal.valueOf(approvals + stillOpen)).as("vote failed too early: %s", round)
                            .isLessThan(RATIO.multiply(BigDecimal.valueOf(voters)));
                }
            }
            return;
        }
        List<TaskRow> round = lastRound(tasks, "n1");
        assertThat(round).noneMatch(t -> t.status().equals("OPEN") || t.status().equals("WAITING"));
        switch (mode) {
            case ALL, SEQUENTIAL -> // I2: completes only when every current approver approved
                    assertThat(round).as("%s completed with %s", mode, round).allMatch(t ->
                            List.of("APPROVED", "AUTO_APPROVED", "REMOVED").contains(t.outcome()));
            case ANY -> { // I3: completes at the first approval and closes the rest
                assertThat(round).anyMatch(t -> "APPROVED".equals(t.outcome()));
                assertThat(round).filteredOn(t -> !"APPROVED".equals(t.outcome()))
                        .allMatch(t -> List.of("CLOSED_BY_ANY", "REMOVED").contains(t.outcome()));
            }
            case VOTE -> { // I4: decides exactly at the threshold
                long approvals = round.stream().filter(t -> voter(t) && "APPROVED".equals(t.outcome())).count();
                long voters = round.stream().filter(t -> voter(t) && !"REMOVED".equals(t.outcome())).count();
                assertThat(BigDecimal.valueOf(approvals)).as("vote passed below the threshold: %s", round)
                        .isGreaterThanOrEqualTo(RATIO.multiply(BigDecimal.valueOf(voters)));
                if ("wf.task.approve".equals(action) && round.stream().noneMatch(t -> t.kind().equals("AFTER"))) {
                    assertThat(BigDecimal.valueOf(approvals - 1)).as("vote passed late: %s", round)
                            .isLessThan(RATIO.multiply(BigDecimal.valueOf(voters)));
                }
            }
        }
    }

    private static boolean voter(TaskRow t) {
        return t.kind().equals("APPROVER") || t.kind().equals("PARALLEL");
    }

    private static List<TaskRow> lastRound(List<TaskRow> tasks, String node) {
        int max = tasks.stream().filter(t -> t.node().equals(node)).mapToInt(TaskRow::round).max().orElse(0);
        List<TaskRow> round = tasks.stream().filter(t -> t.node().equals(node) && t.round() == max).toList();
        // an approver who withdrew keeps their first approval row; the latest row per assignee and kind counts
        List<TaskRow> latest = new ArrayList<>();
        for (TaskRow t : round) {
            latest.removeIf(x -> x.assignee().equals(t.assignee()) && x.kind().equals(t.kind()) && x.id() < t.id());
            latest.add(t);
        }
        return latest;
    }

    record TaskRow(long id, String node, int round, String kind, String assignee, String status, String outcome, String actedBy) {
    }

    /** Waits until the event deliveries to in-process listeners (the deactivated user's hand-over) are done. */
    private static void awaitDeliveries() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM oa_core_job WHERE type = 'core.event.listener' AND status IN ('READY', 'RUNNING')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    private static List<TaskRow> tasks(long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, node_id, round, kind, assignee_id, status, outcome, acted_by FROM oa_wf_task WHERE instance_id = ? ORDER BY id")) {
            ps.setLong(1, id);
            List<TaskRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TaskRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
            return out;
        }
    }

    private static long maxTaskId() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM oa_wf_task");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static AuditRecord newestAudit() {
        List<AuditRecord> r = oa.service(AuditLog.class).recent(f.admin, 1);
        return r.isEmpty() ? null : r.get(0);
    }
}
