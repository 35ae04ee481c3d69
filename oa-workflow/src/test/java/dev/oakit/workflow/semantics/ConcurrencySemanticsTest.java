package dev.oakit.workflow.semantics;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import org.junit.jupiter.api.DisplayName;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.oakit.core.testing.TestDatabase.Kind.H2;
import static dev.oakit.core.testing.TestDatabase.Kind.POSTGRESQL;
import static dev.oakit.workflow.semantics.Sem.u;
import static org.assertj.core.api.Assertions.assertThat;

/** Rows Z1–Z3 of docs/approval-semantics.md: commands on one instance are serialised; the loser gets a conflict. */
class ConcurrencySemanticsTest {
    /** Runs the actions at the same moment; returns each one's outcome: null for success, or the exception. */
    private static List<Throwable> race(List<Runnable> actions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(actions.size());
        try {
            CountDownLatch ready = new CountDownLatch(actions.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Throwable>> futures = new ArrayList<>();
            for (Runnable a : actions) {
                futures.add(pool.submit((Callable<Throwable>) () -> {
                    ready.countDown();
                    go.await();
                    try {
                        a.run();
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            List<Throwable> out = new ArrayList<>();
            for (Future<Throwable> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @DbTest(only = {H2, POSTGRESQL})
    @DisplayName("Z1 two approvers of one ALL node approve at the same moment: both count once, the node moves on once")
    void z1ConcurrentAll(TestDatabase db) throws Exception {
        Sem s = new Sem(db);
        long id = s.run(Sem.two(List.of("bob", "carol"), List.of("zhao")));
        for (int i = 0; i < 5; i++) {
            long inst = i == 0 ? id : s.f.start("alice", "p2", dev.oakit.workflow.WorkflowFixture.days(1)).id();
            long bob = s.task("bob", inst).id();
            long carol = s.task("carol", inst).id();
            List<Throwable> r = race(List.of(
                    () -> s.f.approvals.approve(u("bob"), bob, Decision.none()),
                    () -> s.f.approvals.approve(u("carol"), carol, Decision.none())));
            assertThat(r).containsOnlyNulls();
            assertThat(s.tasks(inst)).filteredOn(t -> t.nodeId().equals("a")).extracting(Task::outcome)
                    .containsExactlyInAnyOrder("APPROVED", "APPROVED");
            assertThat(s.tasks(inst)).filteredOn(t -> t.nodeId().equals("b")).hasSize(1);
            assertThat(s.open(inst)).containsExactly("zhao");
            assertThat(s.actions(inst)).containsExactly("started", "approved", "approved");
        }
    }

    @DbTest(only = {H2, POSTGRESQL})
    @DisplayName("Z2 approve racing the initiator's withdraw: exactly one wins, the other gets a conflict, nothing half-applied")
    void z2ApproveVersusWithdraw(TestDatabase db) throws Exception {
        Sem s = new Sem(db);
        s.f.definitions.deploy(s.f.admin, Sem.single(ApprovalMode.ALL, "bob"));
        for (int i = 0; i < 6; i++) {
            long inst = s.f.start("alice", "p", dev.oakit.workflow.WorkflowFixture.days(1)).id();
            long bob = s.task("bob", inst).id();
            List<Throwable> r = race(List.of(
                    () -> s.f.approvals.approve(u("bob"), bob, Decision.none()),
                    () -> s.f.approvals.withdraw(u("alice"), inst, Decision.none())));
            assertThat(r).as("exactly one wins").filteredOn(x -> x == null).hasSize(1);
            Throwable loser = r.stream().filter(x -> x != null).findFirst().orElseThrow();
            assertThat(loser).isInstanceOf(ConflictException.class);
            InstanceStatus st = s.status(inst);
            if (r.get(0) == null) {
                assertThat(st).isEqualTo(InstanceStatus.APPROVED);
                assertThat(s.actions(inst)).containsExactly("started", "approved", "ended");
            } else {
                assertThat(st).isEqualTo(InstanceStatus.RETURNED);
                assertThat(s.actions(inst)).containsExactly("started", "withdrawn");
                assertThat(s.tasks(inst)).extracting(Task::status).containsOnly(TaskStatus.CANCELLED);
            }
        }
    }

    @DbTest(only = {H2, POSTGRESQL})
    @DisplayName("Z3 the previous approver's withdraw racing the next approver's approve: one wins, the other conflicts")
    void z3WithdrawVersusNextApprove(TestDatabase db) throws Exception {
        Sem s = new Sem(db);
        s.f.definitions.deploy(s.f.admin, Sem.two(List.of("bob"), List.of("zhao")));
        for (int i = 0; i < 6; i++) {
            long inst = s.f.start("alice", "p2", dev.oakit.workflow.WorkflowFixture.days(1)).id();
            s.approve("bob", inst);
            long zhao = s.task("zhao", inst).id();
            List<Throwable> r = race(List.of(
                    () -> s.f.approvals.withdraw(u("bob"), inst, Decision.none()),
                    () -> s.f.approvals.approve(u("zhao"), zhao, Decision.none())));
            assertThat(r).filteredOn(x -> x == null).hasSize(1);
            assertThat(r.stream().filter(x -> x != null).findFirst().orElseThrow())
                    .isInstanceOfAny(ConflictException.class, ForbiddenException.class);
            if (r.get(0) == null) {
                assertThat(s.open(inst)).containsExactly("bob");
                assertThat(s.status(inst)).isEqualTo(InstanceStatus.RUNNING);
            } else {
                assertThat(s.status(inst)).isEqualTo(InstanceStatus.APPROVED);
                assertThat(s.open(inst)).isEmpty();
            }
        }
    }
}
