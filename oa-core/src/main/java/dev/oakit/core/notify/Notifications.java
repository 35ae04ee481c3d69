package dev.oakit.core.notify;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends templated notifications to users and shows how their delivery went. Get it with
 * {@code oa.service(Notifications.class)}.
 *
 * <p>{@link #send} renders the template (so a missing variable fails the call), decides the
 * channels of each recipient from their preferences, and, in one command transaction, writes one
 * delivery per (recipient, channel) and schedules one durable job per delivery. Channels are
 * called only after that transaction committed, by the job workers: a failing or slow channel
 * never fails or slows the sending command. Failed deliveries are retried with backoff and end
 * {@link DeliveryStatus#DEAD} when the failure is permanent or the attempts are exhausted.
 * A group-robot channel gets one delivery per notification (its group), not one per recipient.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Notifications {
    /**
     * The role that lets a user who is no administrator send notifications to other users (an HR
     * or announcements desk). Without it, and without {@value Actor#ADMIN_ROLE}, a user may send
     * only to themself.
     */
    String SENDER_ROLE = "oa-notify-sender";

    /**
     * Sends a notification (audited as {@code core.notification.send}). May be called inside
     * another command or host transaction; its deliveries then commit with it. Modules that notify
     * people as a consequence of their own rules (an approval's next approver, a ticket's
     * watchers) send as {@link Actor#system(String)}.
     *
     * @param actor who sends: an administrator or a holder of {@link #SENDER_ROLE} to anyone of the
     *     tenant; any other user only to themself
     * @param request template, recipients, variables and optional locale; never null
     * @return the notification id and the ids of the deliveries written (empty if every recipient muted it)
     * @throws dev.oakit.core.ValidationException for invalid input or a template variable the request does not give
     * @throws dev.oakit.core.ForbiddenException if a user without either role names another recipient than themself; nothing is written
     * @throws dev.oakit.core.NotFoundException if no template has the key
     */
    NotificationReceipt send(Actor actor, NotificationRequest request);

    /**
     * Sends several notifications as part of a running command: written in its transaction and covered by its audit
     * record (no audit record of their own), in a fixed number of statements however many there are (the
     * notifications, the recipients' preferences, the deliveries, their jobs, and the jobs' ids on the deliveries).
     * For modules that notify people as a consequence of their own command's rules; {@code sender} is checked as in
     * {@link #send}.
     *
     * @param ctx the running command
     * @param sender who sends, usually {@link Actor#system(String)} of the command's tenant
     * @param requests the notifications; may be empty
     * @return one receipt per request, in order
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    default List<NotificationReceipt> sendAll(dev.oakit.core.spi.CommandContext ctx, Actor sender, List<NotificationRequest> requests) {
        return requests.stream().map(r -> send(sender, r)).toList();
    }

    /**
     * Renders a template without sending, for previews and tests.
     *
     * @param locale wanted locale, or null for the configured default; falls back as {@link #send} does
     * @throws dev.oakit.core.ValidationException naming every missing variable
     * @throws dev.oakit.core.NotFoundException if no template has the key
     */
    RenderedMessage render(String templateKey, Locale locale, Map<String, ?> variables);

    /**
     * Lists deliveries of the actor's tenant, newest first. Administrators see every delivery;
     * other users only those addressed to themselves.
     *
     * @param query filters and limit; never null ({@link DeliveryQuery#all()} for none)
     * @return immutable records; never null
     */
    List<Delivery> deliveries(Actor actor, DeliveryQuery query);

    /**
     * Sets which channels a user receives a template's notifications on (audited). A user may set
     * their own preferences; administrators anyone's.
     *
     * @param key a template key, or {@value NotificationPreference#ANY_KEY} for every template without its own preference
     * @param channels channel ids, each registered; an empty list mutes the key
     * @throws dev.oakit.core.ValidationException naming unknown channel ids
     * @throws dev.oakit.core.ForbiddenException if a non-administrator sets another user's preference
     */
    default NotificationPreference setPreference(Actor actor, String userId, String key, List<String> channels) {
        return setPreference(actor, new NotificationPreference(userId, key, channels, !channels.isEmpty()));
    }

    /** Sets a preference, including its {@code enabled} flag; see {@link #setPreference(Actor, String, String, List)}. */
    NotificationPreference setPreference(Actor actor, NotificationPreference preference);

    /** @return the user's stored preferences, by key; the user themself or administrators only */
    List<NotificationPreference> preferences(Actor actor, String userId);

    /** @return the ids of every registered channel, sorted */
    List<String> channels();
}
