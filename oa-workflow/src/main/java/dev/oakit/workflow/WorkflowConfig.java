package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.time.Duration;

/**
 * Configuration of the approvals plugin, from the {@code workflow} namespace of the host's
 * configuration. Every component may be null for its default.
 *
 * @param urgeInterval least time between two urges (催办) of one instance (default 10 minutes)
 * @param dueSoon an open task whose deadline is this close (wall-clock time) is {@link DueState#DUE_SOON} (default 4 hours; since 0.2)
 * @param proxyRefresh how long a node trusts its cached proxy rules and absences of a tenant; rules set through
 *                     another node apply after at most this long (default 30 seconds; since 0.2)
 * @param link the link put into notifications as {@code {{link}}}, with {@code {instanceId}} and {@code {taskId}}
 *             replaced, e.g. {@code https://oa.example.com/approvals/{instanceId}} (default empty; since 0.2)
 * @param notifications when true, participants are notified when a task is assigned, due soon or overdue, and when an
 *               instance is returned, approved, rejected, withdrawn or cc'd (default false; since 0.2)
 * @param initiatorAsStandIn when true, on nodes that keep the initiator ({@code whenInitiator: KEEP}) the initiator may also be
 *               given a task of their own instance in someone else's place: by a proxy rule, transfer, delegation, an added
 *               signer, the timeout ladder or a handover. Default false: only the node's approver rule gives the initiator a
 *               task of their own instance (since 0.3)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WorkflowConfig(Duration urgeInterval, Duration dueSoon, Duration proxyRefresh, String link, boolean notifications,
                             boolean initiatorAsStandIn) {
    /** Fills defaults and checks values. */
    public WorkflowConfig {
        urgeInterval = urgeInterval == null ? Duration.ofMinutes(10) : urgeInterval;
        if (urgeInterval.isNegative()) {
            throw new IllegalArgumentException("workflow.urgeInterval must not be negative, was " + urgeInterval);
        }
        dueSoon = dueSoon == null ? Duration.ofHours(4) : dueSoon;
        if (dueSoon.isNegative()) {
            throw new IllegalArgumentException("workflow.dueSoon must not be negative, was " + dueSoon);
        }
        proxyRefresh = proxyRefresh == null ? Duration.ofSeconds(30) : proxyRefresh;
        if (proxyRefresh.isNegative()) {
            throw new IllegalArgumentException("workflow.proxyRefresh must not be negative, was " + proxyRefresh);
        }
        link = link == null ? "" : link;
    }

    /** The 0.1 configuration: only the urge interval. */
    public WorkflowConfig(Duration urgeInterval) {
        this(urgeInterval, null, null, null, false, false);
    }

    /** The 0.2 configuration, without {@code initiatorAsStandIn} (false). */
    public WorkflowConfig(Duration urgeInterval, Duration dueSoon, Duration proxyRefresh, String link, boolean notifications) {
        this(urgeInterval, dueSoon, proxyRefresh, link, notifications, false);
    }

    /** @return the link for an instance and task (task id empty when null) */
    public String linkFor(long instanceId, Long taskId) {
        return link.replace("{instanceId}", Long.toString(instanceId)).replace("{taskId}", taskId == null ? "" : Long.toString(taskId));
    }
}
