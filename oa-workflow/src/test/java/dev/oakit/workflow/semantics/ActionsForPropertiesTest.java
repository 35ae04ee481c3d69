package dev.oakit.workflow.semantics;

import com.zaxxer.hikari.HikariDataSource;
import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.core.OaKit;
import dev.oakit.workflow.ApprovalAction;
import dev.oakit.workflow.ApprovalAction.Kind;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.SignerPosition;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowFixture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Approvals#actionsFor} over random instance states and actors: every offered action succeeds when taken (with
 * some fitting argument), every action not offered is refused (with every argument). Each action is tried in a
 * host transaction that is rolled back, so all of them are tried on the same state.
 */
class ActionsForPropertiesTest {
    private static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "fay", "gus", "zhao", "root");
    private static final List<String> NODES = List.of("n1", "n2", "n3", "end");
    private static MemoryWorkflow memory;
    private static HikariDataSource ds;
    private static OaKit oa;
    private static WorkflowFixture f;

    record Step(Kind kind, int who, int pick, int extra) {
    }

    private static synchronized WorkflowFixture fixture() {
        if (f == null) {
            memory = MemoryWorkflow.start();
            ds = memory.dataSource();
            oa = memory.oa();
            f = new WorkflowFixture(oa);
            f.definitions.deploy(f.admin, definition());
        }
        return f;
    }

    @AfterContainer
    static void close() {
        if (memory != null) {
            memory.close();
        }
    }

    /** start → n1 (ALL: bob, carol) → n2 (a finance pool) → n3 (SEQUENTIAL: zhao, carol) → end. */
    static ProcessDefinition definition() {
        return ProcessDefinition.builder("acts").form(WorkflowFixture.leaveForm()).start("start")
                .approval("n1", a -> a.mode(ApprovalMode.ALL).approver(ApproverRule.users("bob", "carol")))
                .approval("n2", a -> a.approver(ApproverRule.role("finance")).pool())
                .approval("n3", a -> a.mode(ApprovalMode.SEQUENTIAL).approver(ApproverRule.users("zhao", "carol")))
                .end("end").chain("start", "n1", "n2", "n3", "end").build();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        // approvals by the assignee weigh most, so sequences get past n1 and n2
        Arbitrary<Kind> kinds = Arbitraries.oneOf(Arbitraries.of(Kind.values()), Arbitraries.of(Kind.APPROVE, Kind.CLAIM));
        Arbitrary<Step> step = Combinators.combine(kinds, Arbitraries.integers().between(0, 2 * USERS.size() - 1),
                Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 9)).as(Step::new);
        return step.list().ofMinSize(0).ofMaxSize(14);
    }

    @Property(tries = 40)
    void everyOfferedActionIsAcceptedAndEveryOtherRefused(@ForAll("steps") List<Step> steps) throws SQLException {
        WorkflowFixture f = fixture();
        long id = f.start("alice", "acts", WorkflowFixture.days(1)).id();
        for (Step s : steps) {
            // the sequence builds a random state; the engine refuses what does not fit, which is fine here
            List<Long> open = openTasks(id);
            long task = open.isEmpty() ? -1 : open.get(s.pick() % open.size());
            try {
                // half the steps by the picked task's assignee (or, on a pool task, a candidate)
                String who = s.who() < USERS.size() ? USERS.get(s.who()) : assignee(id, task);
                take(f.approvals, actor(who), s.kind(), id, task, USERS.get(s.extra() % USERS.size()));
            } catch (OaException refused) {
                // the next step
            }
        }
        List<Long> open = openTasks(id);
        for (String u : USERS) {
            Actor a = actor(u);
            List<ApprovalAction> offered = f.approvals.actionsFor(a, id);
            offered.forEach(x -> net.jqwik.api.statistics.Statistics.label("offered").collect(x.kind()));
            for (Kind k : Kind.values()) {
                for (Long task : k.onTask() ? open : java.util.Collections.<Long>singletonList(null)) {
                    if (k == Kind.REMOVE_SIGNER) {
                        List<String> removable = offered.stream().filter(x -> x.kind() == k && task.equals(x.taskId()))
                                .flatMap(x -> x.userIds().stream()).toList();
                        for (String other : USERS) {
                            assertThat(accepted(a, k, id, task, List.of(other))).as("%s removes signer %s on task %s after %s",
                                    u, other, task, steps).isEqualTo(removable.contains(other));
                        }
                        continue;
                    }
                    boolean isOffered = offered.stream().anyMatch(x -> x.kind() == k && java.util.Objects.equals(x.taskId(), task));
                    assertThat(accepted(a, k, id, task, arguments(k, u))).as("%s %s on task %s after %s; offered %s",
                            u, k, task, steps, offered).isEqualTo(isOffered);
                }
            }
        }
    }

    private static Actor actor(String u) {
        return "root".equals(u) ? f.admin : user(u);
    }

    /** @return the arguments to try: every other user, every node, or none */
    private static List<String> arguments(Kind k, String actor) {
        return switch (k) {
            case TRANSFER, DELEGATE, ADD_SIGNER -> USERS.stream().filter(x -> !x.equals(actor)).toList();
            case JUMP -> NODES;
            default -> java.util.Collections.singletonList(null);
        };
    }

    /** @return whether the action succeeds with one of the arguments; each try is rolled back */
    private static boolean accepted(Actor a, Kind k, long id, Long task, List<String> arguments) throws SQLException {
        for (String arg : arguments) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    oa.inHostTransaction(c, () -> {
                        take(f.approvals, a, k, id, task == null ? -1 : task, arg);
                        return null;
                    });
                    return true;
                } catch (OaException refused) {
                    // the next argument
                } finally {
                    c.rollback();
                }
            }
        }
        return false;
    }

    private static void take(Approvals ap, Actor a, Kind k, long id, long task, String arg) {
        Decision d = Decision.comment("ok"); // a comment fits every action (comment needs one)
        switch (k) {
            case APPROVE -> ap.approve(a, task, d);
            case REJECT -> ap.reject(a, task, d);
            case RETURN -> ap.returnTo(a, task, null, d);
            case TRANSFER -> ap.transfer(a, task, arg, d);
            case DELEGATE -> ap.delegate(a, task, arg, d);
            case RESOLVE -> ap.resolve(a, task, d);
            case ADD_SIGNER -> ap.addSigner(a, task, SignerPosition.PARALLEL, List.of(arg), d);
            case REMOVE_SIGNER -> ap.removeSigner(a, task, arg, d);
            case CLAIM -> ap.claim(a, task, d);
            case RELEASE -> ap.release(a, task, d);
            case RESUBMIT -> ap.resubmit(a, id, d);
            case ABANDON -> ap.abandon(a, id, d);
            case WITHDRAW -> ap.withdraw(a, id, d);
            case CANCEL -> ap.cancel(a, id, d);
            case URGE -> ap.urge(a, id, d);
            case COMMENT -> ap.comment(a, id, d);
            case JUMP -> ap.jump(a, id, arg == null ? "n2" : arg, d);
            case SUSPEND -> ap.suspend(a, id, d);
            case RESUME -> ap.resume(a, id, d);
        }
    }

    private static String assignee(long id, long task) {
        return f.queries.detail(f.admin, id).tasks().stream()
                .filter(t -> t.id() == task).map(t -> t.assigneeId() == null || t.assigneeId().isEmpty() ? "fay" : t.assigneeId())
                .findFirst().orElse("bob");
    }

    private static List<Long> openTasks(long id) {
        List<Long> out = new ArrayList<>();
        for (Task t : f.queries.detail(f.admin, id).tasks()) {
            if (t.status() == TaskStatus.OPEN || t.status() == TaskStatus.WAITING) {
                out.add(t.id());
            }
        }
        return out;
    }
}
