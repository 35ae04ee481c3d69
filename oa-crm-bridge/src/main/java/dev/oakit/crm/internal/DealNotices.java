package dev.oakit.crm.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.core.notify.Notifications;
import dev.oakit.crm.DealRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the CRM's users see of their deal approvals, through OAKit notifications (so each user's
 * preferences choose the channels): the decision written back, or not written because the deal changed.
 * The recipient is the OAKit user whose e-mail is the CRM requester's; a requester with no such user (or
 * with several) is told nothing. The user's {@code locale} attribute chooses the language. Sent inside the command that records the step, so a step is told once.
 */
@Singleton
public final class DealNotices {
    /** Template: a deal was approved or rejected and the decision written to the CRM. */
    public static final String DECIDED = dev.oakit.crm.CrmTemplateKeys.DEAL_DECIDED;
    /** Template: a deal changed in the CRM before the decision was written. */
    public static final String CHANGED = dev.oakit.crm.CrmTemplateKeys.DEAL_CHANGED;

    private final Notifications notifications;
    private final Directory directory;

    @Inject
    public DealNotices(Notifications notifications, Directory directory) {
        this.notifications = notifications;
        this.directory = directory;
    }

    /** @return the templates, English and Chinese */
    public static List<NotificationTemplate> templates() {
        return List.of(
                NotificationTemplate.of(DECIDED, "en", "Deal {{outcome}}: {{title}}",
                        "Your request \"{{title}}\" was {{outcome}} in OAKit and the decision is in {{crm}}. {{comment}}"),
                NotificationTemplate.of(DECIDED, "zh-CN", "审批{{outcomeZh}}：{{title}}",
                        "您提交的「{{title}}」已审批{{outcomeZh}}，结果已写回 {{crm}}。{{comment}}"),
                NotificationTemplate.of(CHANGED, "en", "Deal changed: {{title}}",
                        "\"{{title}}\" changed in {{crm}} while it was approved; the decision was not applied: {{reason}}"),
                NotificationTemplate.of(CHANGED, "zh-CN", "单据已变更：{{title}}",
                        "「{{title}}」在审批期间于 {{crm}} 中被修改，审批结果未写回：{{reason}}"));
    }

    void decided(Actor system, DealRepository.Row row, String title, String comment, String crm) {
        DealRequest d = row.deal();
        Map<String, Object> vars = vars(title, crm);
        vars.put("outcome", d.outcome() == null ? "" : d.outcome().name().toLowerCase(java.util.Locale.ROOT));
        vars.put("outcomeZh", d.outcome() == dev.oakit.crm.Decision.Outcome.APPROVED ? "通过" : "驳回");
        vars.put("comment", comment == null ? "" : comment);
        send(system, row.requestedBy(), DECIDED, vars);
    }

    void changed(Actor system, DealRepository.Row row, String title, String reason, String crm) {
        Map<String, Object> vars = vars(title, crm);
        vars.put("reason", reason);
        send(system, row.requestedBy(), CHANGED, vars);
    }

    private void send(Actor system, String requestedBy, String template, Map<String, Object> vars) {
        if (requestedBy == null || !requestedBy.contains("@")) {
            return;
        }
        List<User> users = directory.activeUsersByEmail(system, requestedBy);
        if (users.size() == 1) {
            String tag = users.get(0).attributes().get("locale"); // each reads their own language, as for approvals
            notifications.send(system, NotificationRequest.of(template, List.of(users.get(0).id()), vars)
                    .withLocale(tag == null ? null : java.util.Locale.forLanguageTag(tag)));
        }
    }

    private static Map<String, Object> vars(String title, String crm) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("title", title);
        vars.put("crm", crm);
        return vars;
    }
}
