package dev.oakit.ticket;

import org.apiguardian.api.API;

/**
 * The keys of the notification templates of the ticket plugins, in {@code zh-CN} and {@code en}; hosts override a
 * template or read a delivery's template with these keys (docs/notifications.md). The variables each template
 * gets are listed with it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TicketTemplates {
    /** To the queue's dispatchers when a ticket is created ({@code number}, {@code title}, {@code by}, {@code queue}, {@code priority}). */
    public static final String CREATED = "tk.ticket.created";
    /** To an agent when a ticket is assigned to them ({@code number}, {@code title}, {@code by}, {@code queue}). */
    public static final String ASSIGNED = "tk.ticket.assigned";
    /**
     * To the requester, the assignee and the watchers on every state change ({@code number}, {@code title}, {@code by},
     * {@code from}, {@code to}, {@code action}, {@code comment}); also mailed to an external requester by the channels plugin.
     */
    public static final String STATUS = "tk.ticket.status";
    /** To the assignee, or the queue's dispatchers, when a ticket was not started in time ({@code number}, {@code title}, {@code minutes}). */
    public static final String OVERDUE = "tk.ticket.overdue";
    /**
     * To the assignee and the queue's dispatchers when a share of an SLA target is used ({@code number}, {@code title},
     * {@code queue}, {@code priority}, {@code reason}, {@code due}, {@code explanation}).
     */
    public static final String SLA_WARNING = "tk.sla.warning";
    /** To the assignee and the queue's dispatchers when an SLA target is breached (variables as {@link #SLA_WARNING}). */
    public static final String SLA_BREACHED = "tk.sla.breached";
    /** An SLA escalation step: notify, priority raised, moved to another queue (variables as {@link #SLA_WARNING}). */
    public static final String SLA_ESCALATED = "tk.sla.escalated";
    /**
     * Mail to an external requester when an agent replies publicly ({@code number}, {@code title}, {@code by}, {@code body});
     * sent by {@link TicketChannelsPlugin}.
     */
    public static final String REPLY = "tk.ticket.reply";

    private TicketTemplates() {
    }
}
