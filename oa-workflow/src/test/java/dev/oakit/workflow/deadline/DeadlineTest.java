package dev.oakit.workflow.deadline;

import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.DueState;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskDeadlines;
import dev.oakit.workflow.Timeout;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Deadlines in working time, due states in the todo list, and the timeout ladder's jobs, with a hand-moved clock. */
public class DeadlineTest {
    /** Mon-Fri 09:00-12:00 and 13:00-18:00 in Shanghai. */
    public static final BusinessCalendar CN = BusinessCalendar.builder("cn").zone("Asia/Shanghai")
            .week(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-12:00", "13:00-18:00").build();

    /** Starts OAKit with the clock, the cn calendar and fast job polling. */
    public static WorkflowFixture start(TestDatabase db, ManualClock clock) {
        OaKit oa = db.closeLater(db.builder().clock(clock).calendar(CN).plugin(new WorkflowPlugin())
                .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.05S"))).build().start());
        return new WorkflowFixture(oa);
    }

    /** Moves the clock, wakes the job worker and waits until no job is due and the instance's timeline satisfies {@code until}. */
    public static List<HistoryEntry> advance(WorkflowFixture f, ManualClock clock, Duration by, long instanceId,
                                             Predicate<List<HistoryEntry>> until) {
        clock.advance(by);
        OaKitTestAccess.worker(f.oa).wakeUp();
        var commands = OaKitTestAccess.commands(f.oa);
        await().atMost(Duration.ofSeconds(30)).until(() -> commands.query(h -> h.createQuery(
                        "SELECT COUNT(*) FROM oa_core_job WHERE status IN ('READY', 'RUNNING') AND due_at <= :now")
                .bind("now", java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)).mapTo(Long.class).one()) == 0
                && until.test(f.queries.detail(f.admin, instanceId).timeline()));
        return f.queries.detail(f.admin, instanceId).timeline();
    }

    public static long count(List<HistoryEntry> timeline, String action) {
        return timeline.stream().filter(h -> h.action().equals(action)).count();
    }

    @DbTest
    void tasksCarryTheirWorkingTimeDeadlineAndTheTodoListFiltersByIt(TestDatabase db) {
        ManualClock clock = new ManualClock();
        WorkflowFixture f = start(db, clock);
        ProcessDefinition leave = WorkflowFixture.leave();
        f.definitions.deploy(f.admin, new ProcessDefinition(leave.key(), leave.name(), null, leave.form(), leave.nodes(), leave.routes(),
                Deadline.of("P1D").urgent("PT4H").calendar("cn")));
        ProcessInstance normal = f.start("alice", "leave", days(1));
        ProcessInstance urgent = f.approvals.start(user("alice"), StartRequest.of("leave", days(2)).withPriority("urgent"));

        // Monday 10:00 + 1 working day = Tuesday 10:00; + 4 working hours skips lunch = Monday 15:00 (Shanghai)
        Task t1 = f.todoOf("bob", normal.id());
        Task t2 = f.todoOf("bob", urgent.id());
        assertThat(t1.dueAt()).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));
        assertThat(t2.dueAt()).isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
        assertThat(List.of(t1.dueState(), t2.dueState())).containsOnly(DueState.ON_TIME);
        clock.advance(Duration.ofHours(2)); // 04:00 UTC: the urgent one is due within the 4 hours of workflow.dueSoon
        assertThat(f.todoOf("bob", urgent.id()).dueState()).isEqualTo(DueState.DUE_SOON);
        assertThat(f.queries.todo(user("bob"), TodoQuery.firstPage().due(DueState.DUE_SOON))).extracting(Task::id).containsExactly(t2.id());

        clock.advance(Duration.ofHours(4)); // 08:00 UTC: the urgent one is overdue
        assertThat(f.queries.todo(user("bob"), TodoQuery.firstPage().due(DueState.OVERDUE))).extracting(Task::id).containsExactly(t2.id());
        assertThat(f.queries.todo(user("bob"), TodoQuery.firstPage().due(DueState.ON_TIME))).extracting(Task::id).containsExactly(t1.id());
        assertThat(f.queries.detail(user("alice"), urgent.id()).tasks()).extracting(Task::dueState).containsExactly(DueState.OVERDUE);

        f.approvals.approve(user("bob"), t2.id(), Decision.none());
        Task done = f.queries.detail(f.admin, urgent.id()).tasks().get(0);
        assertThat(done.dueState()).isEqualTo(DueState.NONE);
        assertThat(done.dueAt()).isEqualTo(t2.dueAt());
    }

    @DbTest
    void deadlinesAreValidatedWithTheirPath(TestDatabase db) {
        WorkflowFixture f = start(db, new ManualClock());
        ProcessDefinition bad = ProcessDefinition.builder("bad").form(WorkflowFixture.leaveForm()).start("start")
                .approval("a", a -> a.approver(ApproverRule.manager(1)).deadline(new Deadline("moon", "1 day", null, List.of(
                        new Timeout(Timeout.Action.REMIND, "-P1D", null, 3), new Timeout(Timeout.Action.AUTO_APPROVE, "PT1H", "PT1H", null)))))
                .end("end").chain("start", "a", "end").build();
        assertThatThrownBy(() -> f.definitions.deploy(f.admin, bad)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems()).extracting(ValidationException.Problem::path).containsExactlyInAnyOrder(
                        "nodes[1].deadline.normal", "nodes[1].deadline.timeouts[0].offset", "nodes[1].deadline.timeouts[0].every",
                        "nodes[1].deadline.timeouts[1].every", "nodes[1].deadline.calendar"));
        ProcessDefinition json = ProcessDefinition.fromJson(bad.toJson());
        assertThat(json).isEqualTo(bad);
    }

    /** start → a (2 working hours, reminders, manager, auto-approve) → end. */
    static ProcessDefinition ladder(Timeout.Action last) {
        return WorkflowFixture.single("ladder", a -> a.approver(ApproverRule.manager(1)).deadline(Deadline.of("PT2H").timeouts(
                Timeout.remind("-PT1H", "PT30M", 3), Timeout.at("PT0S", Timeout.Action.NOTIFY_MANAGER), Timeout.at("PT1H", last))));
    }

    @DbTest
    void theLadderRemindsEscalatesAndApprovesOnceInTheNameOfTheSystem(TestDatabase db) {
        ManualClock clock = new ManualClock();
        WorkflowFixture f = start(db, clock);
        f.definitions.deploy(f.admin, ladder(Timeout.Action.AUTO_APPROVE));
        long id = f.start("alice", "ladder", days(1)).id();

        List<HistoryEntry> h = advance(f, clock, Duration.ofMinutes(60), id, t -> count(t, "reminded") == 1);
        h = advance(f, clock, Duration.ofMinutes(30), id, t -> count(t, "reminded") == 2);
        h = advance(f, clock, Duration.ofMinutes(30), id, t -> count(t, "reminded") == 3 && count(t, "escalated") == 1);
        assertThat(h.stream().filter(e -> e.action().equals("escalated")).findFirst().orElseThrow().detail()).contains("zhao");
        h = advance(f, clock, Duration.ofMinutes(60), id, t -> count(t, "ended") == 1);
        HistoryEntry auto = h.stream().filter(e -> e.action().equals("auto-approved")).findFirst().orElseThrow();
        assertThat(auto.actorId()).isEqualTo("system");
        assertThat(auto.detail()).contains("AUTO_APPROVE");
        assertThat(f.status(id)).isEqualTo(InstanceStatus.APPROVED);

        h = advance(f, clock, Duration.ofDays(1), id, t -> true);
        assertThat(count(h, "reminded")).isEqualTo(3);
        assertThat(count(h, "auto-approved")).isEqualTo(1);
    }

    @DbTest
    void anAutoRejectEndsTheInstanceAndATaskDecidedInTimeCancelsItsLadder(TestDatabase db) {
        ManualClock clock = new ManualClock();
        WorkflowFixture f = start(db, clock);
        f.definitions.deploy(f.admin, ladder(Timeout.Action.AUTO_REJECT));
        long rejected = f.start("alice", "ladder", days(1)).id();
        long decided = f.start("alice", "ladder", days(1)).id();
        f.approvals.approve(user("bob"), f.todoOf("bob", decided).id(), Decision.none());

        advance(f, clock, Duration.ofHours(4), rejected, t -> count(t, "ended") == 1);
        assertThat(f.status(rejected)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(f.queries.detail(f.admin, rejected).tasks().get(0).outcome()).isEqualTo("AUTO_REJECTED");
        List<HistoryEntry> h = f.queries.detail(f.admin, decided).timeline();
        assertThat(h).extracting(HistoryEntry::action).containsExactly("started", "approved", "ended");
    }

    @DbTest
    void movingADeadlineMovesItsLadderAndAPriorityChangeRecountsIt(TestDatabase db) {
        ManualClock clock = new ManualClock();
        WorkflowFixture f = start(db, clock);
        TaskDeadlines moves = f.oa.service(TaskDeadlines.class);
        f.definitions.deploy(f.admin, ladder(Timeout.Action.AUTO_APPROVE));
        long id = f.start("alice", "ladder", days(1)).id();
        Task t = f.todoOf("bob", id);
        moves.moveDeadline(f.admin, t.id(), clock.instant().plus(Duration.ofDays(1)), "bob is at a customer");
        assertThat(f.todoOf("bob", id).dueAt()).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));
        List<HistoryEntry> h = advance(f, clock, Duration.ofHours(4), id, x -> true);
        assertThat(count(h, "auto-approved")).isZero();
        assertThat(count(h, "reminded")).isZero();
        advance(f, clock, Duration.ofHours(23), id, x -> count(x, "ended") == 1);
        assertThat(f.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThatThrownBy(() -> moves.moveDeadline(user("bob"), t.id(), clock.instant(), null)).hasMessageContaining("administrators");

        ProcessDefinition leave = WorkflowFixture.leave();
        f.definitions.deploy(f.admin, new ProcessDefinition(leave.key(), leave.name(), null, leave.form(), leave.nodes(), leave.routes(),
                Deadline.of("P1D").urgent("PT4H").calendar("cn")));
        clock.set(Instant.parse("2026-11-30T02:00:00Z")); // Monday 10:00 in Shanghai
        long normal = f.start("alice", "leave", days(1)).id();
        assertThat(f.todoOf("bob", normal).dueAt()).isEqualTo(Instant.parse("2026-12-01T02:00:00Z"));
        moves.changePriority(user("alice"), normal, "urgent", "the trip moved");
        assertThat(f.todoOf("bob", normal).dueAt()).isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
        assertThat(f.queries.detail(f.admin, normal).instance().priority()).isEqualTo("urgent");
        assertThatThrownBy(() -> moves.changePriority(user("alice"), normal, "asap", null)).isInstanceOf(ValidationException.class);
    }
}
