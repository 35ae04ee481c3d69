package dev.oakit.ticket.internal.runner;

import dev.oakit.core.Actor;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.core.notify.Notifications;
import dev.oakit.ticket.TicketConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends the ticket notifications ({@link dev.oakit.ticket.TicketTemplates}) inside the command that causes them (their
 * deliveries commit with it), in the plugin's language, to the recipients the rules chose minus the actor and the system.
 */
@Singleton
public final class TicketNotifier {
    private final Notifications notifications;
    private final Locale locale;

    @Inject
    public TicketNotifier(Notifications notifications, TicketConfig config) {
        this.notifications = notifications;
        this.locale = Locale.forLanguageTag(config.locale());
    }

    void send(Actor actor, String template, Collection<String> to, Map<String, Object> variables) {
        Set<String> recipients = new LinkedHashSet<>();
        for (String u : to) {
            if (u != null && !u.equals(actor.userId()) && !u.equals(Actor.SYSTEM_USER)) {
                recipients.add(u);
            }
        }
        if (!recipients.isEmpty()) {
            // the ticket's rules chose the recipients, not the actor: OAKit sends (the actor may notify only themself)
            notifications.send(Actor.system(actor.tenantId()),
                    NotificationRequest.of(template, List.copyOf(recipients), variables).withLocale(locale));
        }
    }
}
