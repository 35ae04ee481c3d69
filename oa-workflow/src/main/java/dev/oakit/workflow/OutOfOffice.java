package dev.oakit.workflow;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Out-of-office proxies (委托), absences, and the handover of a leaving user's work. Every change
 * is an audited command in the actor's tenant. Thread-safe. See docs/deadlines-and-proxies.md.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface OutOfOffice {
    /**
     * Sets a proxy: new tasks of {@code request.userId()} in the date range go to the proxy
     * (chains A→B→C resolve to the last available person; a loop leaves the task with A and
     * notifies the administrators). The user themselves or an administrator may.
     *
     * @return the rule as stored
     * @throws dev.oakit.core.ValidationException naming the field (unknown or inactive users, an empty range, oneself as proxy)
     * @throws dev.oakit.core.ForbiddenException when the actor is neither the user nor an administrator
     */
    ProxyRule setProxy(Actor actor, ProxyRequest request);

    /** Ends a proxy rule now; the user or an administrator may. Tasks already given to the proxy stay with it. */
    void revokeProxy(Actor actor, long ruleId);

    /** @return the user's proxy rules that have not ended, newest first (the user or an administrator) */
    List<ProxyRule> proxies(Actor actor, String userId);

    /** Records that a user is away in {@code [from, until)} (the user or an administrator). */
    Absence markAbsent(Actor actor, String userId, Instant from, Instant until, String note);

    /**
     * Seed 004's rule check: approvers with open tasks who are absent now, in an absence longer
     * than {@code longerThan}, without a proxy rule for all processes in force.
     *
     * @throws dev.oakit.core.ForbiddenException when the actor is not an administrator
     */
    List<AbsentApprover> absentWithoutProxy(Actor admin, Duration longerThan);

    /**
     * Hands a leaving user's open tasks to a successor, or to their direct manager when
     * {@code successorId} is null, deactivates the user in the directory, and keeps the
     * instances they started visible to the successor. Administrators only.
     *
     * @return what moved
     * @throws dev.oakit.core.ValidationException when there is no successor (no manager) or the successor is inactive
     */
    HandoverReport handover(Actor admin, String userId, String successorId);

    /**
     * What a proxy rule asks for.
     *
     * @param userId whose tasks go to the proxy
     * @param proxyId who gets them
     * @param from start of the range (inclusive)
     * @param until end of the range (exclusive)
     * @param processKeys only these processes; empty for all
     * @param moveOpenTasks when true, the user's open tasks move to the proxy now (when the range has begun)
     */
    record ProxyRequest(String userId, String proxyId, Instant from, Instant until, List<String> processKeys, boolean moveOpenTasks) {
        /** Copies the list. */
        public ProxyRequest {
            processKeys = processKeys == null ? List.of() : List.copyOf(processKeys);
        }
    }

    /**
     * A stored proxy rule.
     *
     * @param id rule id
     * @param userId whose tasks go to the proxy
     * @param proxyId who gets them
     * @param from start (inclusive)
     * @param until end (exclusive; the revocation time for a revoked rule)
     * @param processKeys only these processes; empty for all
     * @param movedTasks open tasks moved when the rule was set
     */
    record ProxyRule(long id, String userId, String proxyId, Instant from, Instant until, List<String> processKeys, int movedTasks) {
    }

    /**
     * An absence.
     *
     * @param id absence id
     * @param userId who is away
     * @param from start (inclusive)
     * @param until end (exclusive)
     * @param note free text, or null
     */
    record Absence(long id, String userId, Instant from, Instant until, String note) {
    }

    /**
     * An approver with open work who is away without a proxy.
     *
     * @param userId the approver
     * @param from start of the absence
     * @param until end of the absence
     * @param openTasks their open tasks
     */
    record AbsentApprover(String userId, Instant from, Instant until, long openTasks) {
    }

    /**
     * What a handover moved.
     *
     * @param userId the leaving user
     * @param successorId who got the work
     * @param movedTaskIds the open tasks moved (to the successor, or to whoever took a task the successor may not take)
     * @param startedInstances running instances the leaving user started, now visible to the successor
     * @param redirected the tasks the successor may not take (they started its instance, approved a node it is separated
     *                   from, or already sit at its node): where each went instead, and why (since 0.3)
     */
    record HandoverReport(String userId, String successorId, List<Long> movedTaskIds, List<Long> startedInstances,
                          List<Redirect> redirected) {
        /** Copies the lists. */
        public HandoverReport {
            movedTaskIds = List.copyOf(movedTaskIds);
            startedInstances = List.copyOf(startedInstances);
            redirected = redirected == null ? List.of() : List.copyOf(redirected);
        }

        /** A report without redirected tasks (the 0.2 shape). */
        public HandoverReport(String userId, String successorId, List<Long> movedTaskIds, List<Long> startedInstances) {
            this(userId, successorId, movedTaskIds, startedInstances, List.of());
        }

        /**
         * A task the successor may not take.
         *
         * @param taskId the task
         * @param toUserId who took it instead (the next manager above the successor, or the node's onEmpty fallback);
         *                 null when nobody may and it stays with the leaving user
         * @param reason why the successor may not take it, naming the rule
         */
        public record Redirect(long taskId, String toUserId, String reason) {
        }
    }
}
