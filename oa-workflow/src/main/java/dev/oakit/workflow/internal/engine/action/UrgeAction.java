package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowConfig;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.WorkflowTemplateKeys;
import dev.oakit.workflow.internal.engine.Effect;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Urge (催办): the initiator or an administrator reminds the assignees of the open tasks, at most once per {@code workflow.urgeInterval}. */
@Singleton
public final class UrgeAction implements InstanceAction<ApprovalCommand.Urge> {
    private final WorkflowConfig config;

    @Inject
    private UrgeAction(WorkflowConfig config) {
        this.config = config;
    }

    @Override
    public void decide(InstanceChange r, ApprovalCommand.Urge c) {
        if (!r.actor.isAdmin() && !r.actor.userId().equals(r.row.initiatorId())) {
            throw new ForbiddenException(WorkflowErrors.URGE, "user '" + r.actor.userId() + "' may not urge instance " + r.row.id()
                    + "; its initiator '" + r.row.initiatorId() + "' and administrators may");
        }
        Guards.requireRunning(r);
        Duration every = config.urgeInterval();
        if (r.st.lastUrgedAt != null) {
            Instant next = Instant.ofEpochMilli(r.st.lastUrgedAt).plus(every);
            if (r.now.isBefore(next)) {
                throw new ConflictException(WorkflowErrors.URGE_TOO_SOON, "instance " + r.row.id() + " was urged at "
                        + Instant.ofEpochMilli(r.st.lastUrgedAt) + "; it can be urged again from " + next
                        + " (at most once every " + every + ")");
            }
        }
        List<TaskRow> waiting = r.open.stream().filter(t -> t.status() == TaskStatus.OPEN).toList();
        if (waiting.isEmpty()) {
            throw new ConflictException(WorkflowErrors.NOBODY_TO_URGE, "instance " + r.row.id()
                    + " has no open task right now (it waits for a service task or a sub-process)");
        }
        r.st.lastUrgedAt = r.now.toEpochMilli();
        List<String> to = waiting.stream().map(TaskRow::assigneeId).distinct().toList();
        String comment = c.decision().comment() == null ? "" : c.decision().comment();
        for (String userId : to) {
            String node = waiting.stream().filter(t -> t.assigneeId().equals(userId)).map(TaskRow::nodeName).findFirst().orElse("");
            // the engine picks the recipients (the open tasks' assignees), so OAKit sends; "by" names who urged
            r.effects.add(new Effect.Notify(Actor.system(r.tenant()), NotificationRequest.of(WorkflowTemplateKeys.URGED, List.of(userId),
                    Map.of("title", r.row.title(), "by", r.actor.userId(), "node", node, "comment", comment,
                            "link", config.linkFor(r.row.id(), null)))));
        }
        r.history("urged", null, null, c.decision().comment(), "notified " + to);
        // urges received, per task, for the statistics
        r.effects.add(new Effect.Urged(waiting.stream().map(TaskRow::id).toList()));
        r.publishInstance("wf.instance.urged", Map.of("by", r.actor.userId(), "approvers", to));
        r.summary("urged " + to + " on instance " + r.row.id());
    }
}
