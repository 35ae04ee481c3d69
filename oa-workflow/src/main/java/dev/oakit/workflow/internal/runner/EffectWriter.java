package dev.oakit.workflow.internal.runner;

import dev.oakit.core.Actor;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.InstanceStates;
import dev.oakit.workflow.internal.Timeline;
import dev.oakit.workflow.internal.deadline.Deadlines;
import dev.oakit.workflow.internal.engine.Effect;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.TaskDraft;
import dev.oakit.workflow.internal.store.CcRepository;
import dev.oakit.workflow.internal.store.HistoryRepository;
import dev.oakit.workflow.internal.store.InstanceRepository;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import dev.oakit.workflow.internal.store.TaskRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a decision: the one place that turns an {@link InstanceChange} into statements, through
 * the repositories, in the command's transaction. New tasks go in one batch, closed and changed
 * tasks in one batch each; the history entries ride on the instance's own UPDATE (the inline
 * {@link Timeline}) or, once that is full, go to the history table in one batch. Leaving a
 * leave approval that opens the next node's task costs four statements here: close task, insert
 * task, update instance (with its history), and the audit record the command adds.
 */
@Singleton
public final class EffectWriter {
    private final InstanceRepository instances;
    private final TaskRepository tasks;
    private final HistoryRepository history;
    private final CcRepository cc;
    private final Deadlines deadlines;
    private final Notifications notifications;
    private static final Comparator<TaskRow> BY_ID = Comparator.comparingLong(TaskRow::id);
    private final InstanceStates states;

    @Inject
    private EffectWriter(InstanceRepository instances, TaskRepository tasks, HistoryRepository history, CcRepository cc,
                        Deadlines deadlines, Notifications notifications, InstanceStates states) {
        this.instances = instances;
        this.tasks = tasks;
        this.history = history;
        this.cc = cc;
        this.deadlines = deadlines;
        this.notifications = notifications;
        this.states = states;
    }

    /** Starts a sub-process instance while its parent is written. */
    @FunctionalInterface
    interface Children {
        /** @return the id of the started instance */
        long start(CommandContext ctx, Effect.StartChild child, InstanceChange parent);
    }

    /**
     * Writes a decision.
     *
     * @return the effects on other instances, to be decided and written after this one (in order)
     */
    List<Effect> write(CommandContext ctx, InstanceChange r, Children children) {
        Handle h = ctx.handle();
        String tenant = r.tenant();
        long instanceId = r.row.id();
        List<TaskDraft> drafts = r.drafts;
        List<TaskRepository.NewTask> rows = new ArrayList<>(drafts.size());
        if (!drafts.isEmpty()) {
            for (TaskDraft d : drafts) {
                rows.add(new TaskRepository.NewTask(tenant, instanceId, d.nodeId(), d.nodeName(), d.round(), d.seq(), d.kind(),
                        d.waitingFor(), d.assigneeId(), d.ownerId(), d.status(), d.outcome(), d.actedBy(), d.comment(), r.row.key(),
                        r.row.title(), r.row.initiatorId(), d.createdAt(), d.completedAt(), d.workMillis(), d.dueAt(), d.proxyFor(),
                        r.row.priority()));
            }
        }
        List<Long> ids = drafts.isEmpty() ? List.of() : tasks.insert(h, rows);
        remapProxies(r.st, ids);
        List<HistoryEntry> entries = new ArrayList<>();
        List<TaskRepository.Closing> closes = new ArrayList<>();
        List<TaskRepository.Change> changes = new ArrayList<>();
        List<Effect> after = new ArrayList<>();
        for (Effect e : r.effects) {
            if (e instanceof Effect.History x) {
                Long taskId = x.taskId() == null ? null : real(x.taskId(), ids);
                entries.add(new HistoryEntry(r.now, x.action(), x.actorId(), onBehalfOf(r.st, taskId, x.actorId()), x.nodeId(), taskId,
                        x.comment(), x.detail()));
            } else if (e instanceof Effect.CloseTask x) {
                if (!InstanceChange.pending(x.taskId())) { // a task opened by this decision is inserted closed
                    closes.add(new TaskRepository.Closing(x.taskId(), x.status(), x.outcome(), x.actedBy(), x.comment(), r.now,
                            x.workMillis()));
                    if (x.cancelJobs()) {
                        Deadlines.cancel(ctx, x.taskId());
                    }
                }
            } else if (e instanceof Effect.ChangeTask x) {
                if (!InstanceChange.pending(x.taskId())) { // a task opened by this decision is inserted as changed
                    changes.add(new TaskRepository.Change(x.taskId(), x.assigneeId(), x.ownerId(), x.status(), x.proxyFor()));
                }
            } else if (e instanceof Effect.MoveDeadline x) {
                tasks.setDue(h, x.taskId(), x.dueAt());
                Deadlines.cancel(ctx, x.taskId());
                if (x.dueAt() != null) {
                    deadlines.schedule(ctx, instanceId, x.taskId(), x.deadline(), x.opened(), x.dueAt());
                }
            } else if (e instanceof Effect.Offer x) {
                tasks.offer(h, tenant, real(x.taskId(), ids), x.candidates());
            } else if (e instanceof Effect.CcTo x) {
                cc.insert(h, tenant, instanceId, x.nodeId(), x.userIds(), r.now);
            } else if (e instanceof Effect.Urged x) {
                tasks.urged(h, x.taskIds());
            } else if (e instanceof Effect.Publish x) {
                long aggregate = "task".equals(x.aggregateType()) ? real(x.aggregateId(), ids) : x.aggregateId();
                ctx.publish(x.type(), x.aggregateType(), Long.toString(aggregate), x.payload());
            } else if (e instanceof Effect.Schedule x) {
                ctx.schedule(x.request());
            } else if (e instanceof Effect.CancelServiceJobs x) {
                // withdraws the instance's (or one node's) service jobs that have not started
                if (x.nodeId() == null) {
                    ctx.cancelJobsByKeyPrefix(Flow.serviceJobKeyPrefix(instanceId));
                } else {
                    ctx.cancelJobs(Flow.serviceJobKey(instanceId, x.nodeId()));
                }
            } else if (e instanceof Effect.Notify x) {
                notifications.send(x.sender(), x.request());
            } else if (e instanceof Effect.Summary x) {
                ctx.summary(x.text());
            } else if (e instanceof Effect.OnBehalfOf x) {
                ctx.onBehalfOf(x.userId());
            } else if (e instanceof Effect.StartChild x) {
                long child = children.start(ctx, x, r);
                entries.add(new HistoryEntry(r.now, "subprocess-started", Actor.SYSTEM_USER, null, x.nodeId(), null, null,
                        "instance " + child));
            } else if (e instanceof Effect.MoveToVersion x) {
                instances.moveToVersion(h, instanceId, x.definitionId(), x.version());
            } else if (e instanceof Effect.RenameTasks x) {
                tasks.moveToNode(h, instanceId, x.fromNode(), x.round(), x.toNode(), x.toName());
            } else if (e instanceof Effect.ContinueParent || e instanceof Effect.CancelChildren) {
                after.add(e);
            }
        }
        // the audit record names whom a proxy acted for (after what the decision itself said)
        for (HistoryEntry entry : entries) {
            if (entry.onBehalfOf() != null) {
                ctx.onBehalfOf(entry.onBehalfOf());
            }
        }
        // changes before closes: a task may be changed and then closed by one decision, never the other way round
        tasks.change(h, changes);
        tasks.close(h, closes);
        for (int i = 0; i < drafts.size(); i++) {
            TaskDraft d = drafts.get(i);
            if (d.status() == TaskStatus.OPEN) {
                // the new task's timeout ladder (no statement for nodes without a deadline)
                deadlines.opened(ctx, instanceId, r.d(), (Node.Approval) r.node(d.nodeId()), ids.get(i), d.createdAt(), d.dueAt());
            }
        }
        if (!ids.isEmpty()) {
            r.open.replaceAll(t -> InstanceChange.pending(t.id()) ? t.withId(real(t.id(), ids)) : t);
        }
        save(h, r, entries);
        return after;
    }

    private static long real(long taskId, List<Long> ids) {
        return InstanceChange.pending(taskId) ? ids.get((int) (-taskId - 1)) : taskId;
    }

    private static void remapProxies(InstanceState st, List<Long> ids) {
        if (ids.isEmpty() || st.proxyFor.isEmpty()) {
            return;
        }
        boolean pending = false;
        for (Long k : st.proxyFor.keySet()) {
            pending |= InstanceChange.pending(k);
        }
        if (!pending) {
            return;
        }
        Map<Long, String> remapped = new LinkedHashMap<>();
        st.proxyFor.forEach((k, v) -> remapped.put(real(k, ids), v));
        st.proxyFor = remapped;
    }

    /** An action by a proxy on a task it holds for someone is recorded "by B on behalf of A". */
    private static String onBehalfOf(InstanceState st, Long taskId, String actorId) {
        return taskId == null || Actor.SYSTEM_USER.equals(actorId) ? null : st.proxyFor.get(taskId);
    }

    /** Saves status, form and state with the digest of the open tasks, and the history entries. */
    private void save(Handle h, InstanceChange r, List<HistoryEntry> entries) {
        String append = timeline(h, r, entries);
        r.st.openDigest = digest(r.open);
        String state = states.write(r.st);
        instances.save(h, r.row.id(), r.status, r.formText(), state, r.now, append);
    }

    /**
     * Turns the history entries into JSON lines for the instance's inline timeline, or, when they
     * do not fit (or the instance predates it), writes them to the history table in one batch.
     *
     * @return the lines to append to the timeline column, or null for none
     */
    private String timeline(Handle h, InstanceChange r, List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        Integer inline = r.st.timelineChars;
        if (inline != null && inline != Timeline.SPILLED) {
            StringBuilder lines = new StringBuilder(160 * entries.size());
            for (HistoryEntry e : entries) {
                Timeline.line(lines, e);
            }
            if (inline + lines.length() <= Timeline.INLINE_LIMIT) {
                r.st.timelineChars = inline + lines.length();
                return lines.toString();
            }
            r.st.timelineChars = Timeline.SPILLED;
        }
        history.append(h, r.tenant(), r.row.id(), entries);
        return null;
    }

    /** @return a digest of open tasks: what changes when a task opens, closes, waits or moves */
    static String digest(List<TaskRow> open) {
        List<TaskRow> byId = open;
        if (open.size() > 1) {
            byId = new ArrayList<>(open);
            byId.sort(BY_ID);
        }
        StringBuilder b = new StringBuilder(64 * byId.size());
        for (TaskRow t : byId) {
            b.append(t.id()).append(':').append(t.assigneeId()).append(':').append(t.ownerId()).append(':').append(t.status())
                    .append(':');
            if (t.dueAt() != null) {
                b.append(t.dueAt().toEpochMilli());
            }
            b.append(':').append(t.proxyFor()).append(';');
        }
        return b.length() <= 200 ? b.toString() : sha(b.toString());
    }

    private static String sha(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
