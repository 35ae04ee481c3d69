package dev.oakit.testing;

import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceDetail;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Checks on one approval instance. Each check reads the instance afresh as the kit's administrator;
 * a failure says what was expected and what the engine holds (status, active nodes, open tasks with assignees).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InstanceAssert {
    private final OaTestKit kit;
    private final long instanceId;

    InstanceAssert(OaTestKit kit, long instanceId) {
        this.kit = kit;
        this.instanceId = instanceId;
    }

    private InstanceDetail detail() {
        return kit.service(ApprovalQueries.class).detail(kit.admin(), instanceId);
    }

    private AssertionError failure(String expected, InstanceDetail d) {
        return new AssertionError("expected instance " + instanceId + " " + expected + ", but the engine holds " + EngineState.of(d));
    }

    /** The instance is running and each of {@code nodeIds} is among its active nodes. */
    public InstanceAssert isWaitingAt(String... nodeIds) {
        InstanceDetail d = detail();
        if (d.instance().status() != InstanceStatus.RUNNING || !d.instance().activeNodes().containsAll(Arrays.asList(nodeIds))) {
            throw failure("to be waiting at " + Arrays.toString(nodeIds), d);
        }
        return this;
    }

    /** {@code userId} holds an open task of the instance. */
    public InstanceAssert hasOpenTaskFor(String userId) {
        InstanceDetail d = detail();
        if (openTasksOf(d, userId).isEmpty()) {
            throw failure("to have an open task for " + userId, d);
        }
        return this;
    }

    /** {@code userId} holds no open task of the instance. */
    public InstanceAssert hasNoOpenTaskFor(String userId) {
        InstanceDetail d = detail();
        if (!openTasksOf(d, userId).isEmpty()) {
            throw failure("to have no open task for " + userId, d);
        }
        return this;
    }

    public InstanceAssert hasStatus(InstanceStatus status) {
        InstanceDetail d = detail();
        if (d.instance().status() != status) {
            throw failure("to have status " + status, d);
        }
        return this;
    }

    public InstanceAssert isRunning() {
        return hasStatus(InstanceStatus.RUNNING);
    }

    public InstanceAssert isApproved() {
        return hasStatus(InstanceStatus.APPROVED);
    }

    public InstanceAssert isRejected() {
        return hasStatus(InstanceStatus.REJECTED);
    }

    /** The timeline holds at least one entry of {@code action} (e.g. {@code reminded}, {@code escalated}, {@code auto-approved}). */
    public InstanceAssert hasTimelineEntry(String action) {
        InstanceDetail d = detail();
        if (d.timeline().stream().noneMatch(h -> h.action().equals(action))) {
            throw failure("to have a timeline entry '" + action + "' (its timeline: "
                    + d.timeline().stream().map(HistoryEntry::action).toList() + ")", d);
        }
        return this;
    }

    /** Some entry of the timeline has a comment containing each of {@code parts} (e.g. what a connector wrote back). */
    public InstanceAssert hasTimelineComment(String... parts) {
        InstanceDetail d = detail();
        List<String> comments = d.timeline().stream().map(HistoryEntry::comment).filter(Objects::nonNull).toList();
        if (comments.stream().noneMatch(c -> Arrays.stream(parts).allMatch(c::contains))) {
            throw failure("to have a timeline comment containing " + Arrays.toString(parts) + " (its comments: " + comments + ")", d);
        }
        return this;
    }

    private static List<Task> openTasksOf(InstanceDetail d, String userId) {
        return d.tasks().stream().filter(t -> t.status() == TaskStatus.OPEN && userId.equals(t.assigneeId())).toList();
    }
}
