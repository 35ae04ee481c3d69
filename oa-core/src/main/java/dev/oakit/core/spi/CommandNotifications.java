package dev.oakit.core.spi;

import dev.oakit.core.Actor;
import dev.oakit.core.notify.NotificationReceipt;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.core.notify.Notifications;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Notifications written as part of a running command, for modules whose own rules notify people as a consequence of
 * a command (an assignment, an escalation). A plugin's classes get it injected. Hosts send through
 * {@link Notifications}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface CommandNotifications {
    /**
     * Sends several notifications in the running command: written in its transaction and covered by its audit record
     * (no audit record of their own), in a fixed number of statements however many there are: the notifications;
     * the recipients' preferences, unless the node's cache has them (it keeps them as long as the directory cache keeps
     * its answers, and forgets them when a preference is set on this node); the deliveries' jobs, together with the
     * jobs the command gathered through {@link CommandContext#scheduleNew}; the deliveries, each naming its job.
     * Routing is {@link Notifications#send}'s, and {@code sender} is checked as there.
     *
     * @param ctx the running command
     * @param sender who sends, usually {@link Actor#system(String)} of the command's tenant
     * @param requests the notifications; may be empty
     * @return one receipt per request, in order
     */
    List<NotificationReceipt> sendAll(CommandContext ctx, Actor sender, List<NotificationRequest> requests);
}
