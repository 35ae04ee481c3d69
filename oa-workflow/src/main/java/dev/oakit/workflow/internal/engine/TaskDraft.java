package dev.oakit.workflow.internal.engine;

import dev.oakit.workflow.TaskStatus;

import java.time.Instant;

/**
 * A task opened by the decision being made, not inserted yet. Changes the same decision makes to
 * it (an automatic approval, a close when a parallel branch ends the instance) change the draft,
 * so the task is inserted once, with its final values.
 */
public final class TaskDraft {
    /** The id the decision's effects use for it until the insert returns the real one (negative, -1 first). */
    public final long pendingId;
    final String nodeId;
    final String nodeName;
    final int round;
    final int seq;
    final String kind;
    final Long waitingFor;
    final Instant createdAt;
    final Instant dueAt;
    String assigneeId;
    String ownerId;
    TaskStatus status;
    String outcome;
    String actedBy;
    String comment;
    Instant completedAt;
    Long workMillis;
    String proxyFor;

    TaskDraft(long pendingId, String nodeId, String nodeName, int round, int seq, String kind, Long waitingFor, String assigneeId,
              String ownerId, TaskStatus status, Instant createdAt, Instant dueAt, String proxyFor) {
        this.pendingId = pendingId;
        this.nodeId = nodeId;
        this.nodeName = nodeName;
        this.round = round;
        this.seq = seq;
        this.kind = kind;
        this.waitingFor = waitingFor;
        this.assigneeId = assigneeId;
        this.ownerId = ownerId;
        this.status = status;
        this.createdAt = createdAt;
        this.dueAt = dueAt;
        this.proxyFor = proxyFor;
    }

    /** @return the draft's status now (OPEN unless the decision closed it again) */
    public TaskStatus status() {
        return status;
    }

    /** @return the node the task belongs to */
    public String nodeId() {
        return nodeId;
    }

    /** @return the round of the node it belongs to */
    public int round() {
        return round;
    }

    /** @return its assignee now ({@link Tasks#UNASSIGNED} for a pooled task) */
    public String assigneeId() {
        return assigneeId;
    }

    /** @return its deadline, or null */
    public Instant dueAt() {
        return dueAt;
    }

    /** @return the created time */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return the node's name */
    public String nodeName() {
        return nodeName;
    }

    /** @return its place among the node's tasks */
    public int seq() {
        return seq;
    }

    /** @return APPROVER, PARALLEL, BEFORE or AFTER */
    public String kind() {
        return kind;
    }

    /** @return the task a BEFORE signer's task holds, or null */
    public Long waitingFor() {
        return waitingFor;
    }

    /** @return the delegating owner, or null */
    public String ownerId() {
        return ownerId;
    }

    /** @return the outcome when the decision closed it, or null */
    public String outcome() {
        return outcome;
    }

    /** @return who closed it, or null */
    public String actedBy() {
        return actedBy;
    }

    /** @return the comment it was closed with, or null */
    public String comment() {
        return comment;
    }

    /** @return when the decision closed it, or null */
    public Instant completedAt() {
        return completedAt;
    }

    /** @return the working time it was open, once closed */
    public Long workMillis() {
        return workMillis;
    }

    /** @return the approver a proxy holds it for, or null */
    public String proxyFor() {
        return proxyFor;
    }
}
