package dev.oakit.workflow.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The execution state of one instance, stored as JSON in its row and loaded with it: which
 * nodes wait for work, the joins' counters, the approval path so far, and per approval node the
 * state of its current run. Mutable; used by one command at a time (the instance row is locked).
 */
public final class InstanceState {
    /** Nodes waiting for work, in activation order. */
    public List<String> active = new ArrayList<>();
    /** Per join node: branches expected and arrived. */
    public Map<String, int[]> joins = new LinkedHashMap<>();
    /** Approval nodes completed, in order (return targets, dedupe, withdraw). */
    public List<String> visited = new ArrayList<>();
    /** Per approval node: who approved it last time (separation of duties, dedupe). */
    public Map<String, List<String>> approvedBy = new LinkedHashMap<>();
    /** Per approval node: its current run. */
    public Map<String, NodeRun> runs = new LinkedHashMap<>();
    /** Users the initiator chose, per node. */
    public Map<String, List<String>> chosen = new LinkedHashMap<>();
    /** The node that returned the instance to the initiator, or null. */
    public String returnedFrom;
    /** When the instance was last urged (epoch milliseconds), or null. */
    public Long lastUrgedAt;
    /** The approval node completed last and the instant branch state after it (for withdraw by the previous approver). */
    public String lastCompleted;
    /**
     * A digest of the open tasks (id, assignee, owner, status) as this state was saved. The engine
     * loads the instance and its open tasks in one statement and trusts the task rows only when
     * they match it; otherwise (a writer outside the engine, or PostgreSQL returning task rows of
     * the snapshot taken before it waited for the instance lock) it reads the tasks again.
     */
    public String openDigest;

    /**
     * Characters of the instance's inline timeline (see {@link Timeline}); {@link Timeline#SPILLED}
     * once later entries go to {@code oa_wf_history}; null for instances started before the inline
     * timeline existed, whose entries all go there.
     */
    public Integer timelineChars;

    /** A sub-process instance: the process keys of the instances above it, outermost first; null at the top. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public List<String> calls;

    /** Tasks a proxy holds for someone (委托), by task id: the approver it works for. */
    public Map<Long, String> proxyFor = new LinkedHashMap<>();

    /** The current run of one approval node. */
    public static final class NodeRun {
        /** Activation count of the node (1 for the first time). */
        public int round;
        /** SEQUENTIAL: approvers still to come, in order. */
        public List<String> queue = new ArrayList<>();
        /** ANY: an approval has happened. */
        public boolean anyApproved;
        /** VOTE: approvals and rejections so far. */
        public int approvals;
        public int rejections;
        /** Who approved in this run (null in runs stored before it was kept). */
        public List<String> approvedBy;
        /**
         * Who decided in this run, or had a task of it closed (removed, closed by another's
         * decision): they have had their seat at the node (null in runs stored before it was kept).
         */
        public List<String> decided;
    }

    /** Adds a person to a list of seats once; the system and the empty assignee of a pool are nobody. */
    public static void seat(List<String> seats, String userId) {
        if (userId != null && !userId.isEmpty() && !dev.oakit.core.Actor.SYSTEM_USER.equals(userId) && !seats.contains(userId)) {
            seats.add(userId);
        }
    }
}
