package dev.oakit.ticket.internal.runner;

import dev.oakit.core.Actor;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandNotifications;
import dev.oakit.ticket.internal.command.Effect;
import dev.oakit.ticket.TicketConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sends the ticket notifications ({@link dev.oakit.ticket.TicketTemplates}) inside the command that causes them, all of
 * it at once (their deliveries commit with it, under its audit record), in the plugin's language, to the recipients the rules chose minus the actor and the system.
 */
@Singleton
public final class TicketNotifier {
    private final CommandNotifications notifications;
    private final Locale locale;

    @Inject
    public TicketNotifier(CommandNotifications notifications, TicketConfig config) {
        this.notifications = notifications;
        this.locale = Locale.forLanguageTag(config.locale());
    }

    /** Writes a command's notifications in its transaction, together (a fixed number of statements however many). */
    void sendAll(CommandContext ctx, Actor actor, List<Effect.Notify> outgoing) {
        List<NotificationRequest> requests = new ArrayList<>();
        for (Effect.Notify n : outgoing) {
            Set<String> recipients = new LinkedHashSet<>();
            for (String u : n.to()) {
                if (u != null && !u.equals(actor.userId()) && !u.equals(Actor.SYSTEM_USER)) {
                    recipients.add(u);
                }
            }
            if (!recipients.isEmpty()) {
                requests.add(NotificationRequest.of(n.template(), List.copyOf(recipients), n.variables()).withLocale(locale));
            }
        }
        // the ticket's rules chose the recipients, not the actor: OAKit sends (the actor may notify only themself)
        notifications.sendAll(ctx, Actor.system(actor.tenantId()), requests);
    }
}
