package dev.oakit.crm.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.core.notify.Notifications;
import dev.oakit.crm.CrmCase;
import dev.oakit.crm.CrmTemplateKeys;
import dev.oakit.ticket.QueueAgent;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.Ticket;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the people of a case's ticket see of its escalation in the CRM, through OAKit notifications (so each
 * user's preferences choose the channels): the ticket's assignee and its queue's leads (the queue's active
 * dispatchers). Each reads it in their {@code locale} attribute's language. Sent inside the command that records
 * the case's change, so an escalation is told once.
 */
@Singleton
public final class CaseNotices {
    private final Notifications notifications;
    private final Queues queues;
    private final Directory directory;

    @Inject
    public CaseNotices(Notifications notifications, Queues queues, Directory directory) {
        this.notifications = notifications;
        this.queues = queues;
        this.directory = directory;
    }

    /** @return the templates, English and Chinese */
    public static List<NotificationTemplate> templates() {
        String key = CrmTemplateKeys.CASE_ESCALATED;
        return List.of(
                NotificationTemplate.of(key, "en", "Case escalated: {{subject}} ({{ticket}})",
                        "{{crm}} case {{case}} \"{{subject}}\" was escalated ({{why}}). It is ticket {{ticket}} in queue {{queue}}."),
                NotificationTemplate.of(key, "zh-CN", "工单升级：{{subject}}（{{ticket}}）",
                        "{{crm}} 中的案例 {{case}}「{{subject}}」已升级（{{why}}），对应队列 {{queue}} 的工单 {{ticket}}。"));
    }

    /** @return who is told of the ticket's escalation: its assignee and its queue's active dispatchers, each once */
    List<String> recipients(Actor system, Ticket ticket) {
        Set<String> to = new LinkedHashSet<>();
        if (ticket.assignee() != null) {
            to.add(ticket.assignee());
        }
        if (ticket.queue() != null) {
            for (QueueAgent a : queues.agents(system, ticket.queue())) {
                if (a.dispatcher() && a.active()) {
                    to.add(a.agent().userId());
                }
            }
        }
        return new ArrayList<>(to);
    }

    /** Tells each recipient, in their language; call it inside the command that records the escalation. */
    void escalated(Actor actor, List<String> recipients, CrmCase c, Ticket ticket, String why, String crm) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("case", c.number() == null ? c.id() : c.number());
        vars.put("subject", c.subject());
        vars.put("ticket", ticket.number());
        vars.put("queue", ticket.queue() == null ? "-" : ticket.queue());
        vars.put("why", why);
        vars.put("crm", crm);
        for (String userId : recipients) {
            String tag = directory.findUser(actor, userId).map(User::attributes).map(a -> a.get("locale")).orElse(null);
            notifications.send(actor, NotificationRequest.of(CrmTemplateKeys.CASE_ESCALATED, List.of(userId), vars)
                    .withLocale(tag == null ? null : Locale.forLanguageTag(tag)));
        }
    }
}
