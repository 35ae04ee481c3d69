package dev.oakit.core.internal.notify;

import dev.oakit.core.CoreErrors;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.notify.RenderedMessage;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.NotificationChannel;
import dev.oakit.core.spi.Recipient;
import dev.oakit.core.spi.RecipientResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers one notification delivery: resolves the address, calls the channel, marks it SENT in
 * the job's transaction. Failures are left to the job worker (retry on the delivery policy, or dead); the
 * delivery's FAILED / DEAD status is read from its job.
 */
@Singleton
public final class DeliveryJob implements JobHandler {
    /** The job type. */
    public static final String TYPE = "core.notification.deliver";

    private final ChannelRegistry channels;
    private final RecipientResolver resolver;

    @Inject
    private DeliveryJob(ChannelRegistry channels, RecipientResolver resolver) {
        this.channels = channels;
        this.resolver = resolver;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** A notification is a delivery: it rides out an outage of its channel on the delivery policy. */
    @Override
    public RetryPolicy retryPolicy() {
        return RetryPolicy.deliveries();
    }

    @Override
    public void handle(JobContext ctx) {
        // a delivery written before its job names it (deliveryId, older jobs); else the job names the notification
        // and the delivery names the job
        boolean byId = ctx.payload().has("deliveryId");
        String notificationId = ctx.payload().path("notificationId").asText();
        var query = ctx.handle().createQuery("""
                SELECT d.id, d.recipient_id, d.channel, d.status, n.template_key, n.locale, n.subject, n.body, n.html
                FROM oa_core_notify_delivery d
                JOIN oa_core_notification n ON n.id = d.notification_id AND n.tenant_id = d.tenant_id
                WHERE d.tenant_id = :t
                """ + (byId ? "AND d.id = :id" : "AND d.notification_id = :n AND d.job_id = :id"))
                .bind("id", byId ? ctx.payload().path("deliveryId").asLong() : ctx.jobId()).bind("t", ctx.tenantId());
        if (!byId) {
            query.bind("n", notificationId);
        }
        Map<String, Object> row = query
                .map((rs, c) -> {
                    Map<String, Object> m = new java.util.HashMap<>();
                    m.put("id", rs.getLong("id"));
                    for (String col : new String[] {"recipient_id", "channel", "status", "template_key", "locale", "subject", "body", "html"}) {
                        m.put(col, rs.getString(col));
                    }
                    return m;
                }).findOne()
                .orElseThrow(() -> new NotFoundException(CoreErrors.NO_SUCH_DELIVERY, "notification delivery "
                        + (byId ? ctx.payload().path("deliveryId").asLong() : "of notification " + notificationId)
                        + " does not exist in tenant '" + ctx.tenantId() + "' (job " + ctx.jobId() + ")"));
        long id = (Long) row.get("id");
        if ("SENT".equals(row.get("status"))) {
            return;
        }
        String channelId = (String) row.get("channel");
        String userId = (String) row.get("recipient_id");
        NotificationChannel channel = channels.find(channelId).orElseThrow(() -> new NotFoundException(
                CoreErrors.NO_SUCH_CHANNEL, "notification delivery " + id + " is for channel '" + channelId
                + "', which is not registered (channels: " + channels.ids() + "); register it, then replay job " + ctx.jobId()));
        String address = switch (channel.addressKind()) {
            case USER_ID -> userId;
            case GROUP -> null;
            case EMAIL, MOBILE -> resolve(ctx, id, userId, channel);
        };
        RenderedMessage message = new RenderedMessage((String) row.get("template_key"),
                Locale.forLanguageTag((String) row.get("locale")), (String) row.get("subject"), (String) row.get("body"),
                (String) row.get("html"));
        channel.send(new Recipient(ctx.tenantId(), userId, address, "oakit-notify-" + id), message);
        ctx.handle().createUpdate("UPDATE oa_core_notify_delivery SET status = 'SENT', address = :a, sent_at = :now WHERE id = :id")
                .bind("a", address).bind("now", InstantAsUtc.toDb(ctx.now())).bind("id", id).execute();
    }

    private String resolve(JobContext ctx, long id, String userId, NotificationChannel channel) {
        if (userId == null) {
            throw new NotFoundException(CoreErrors.NO_ADDRESS, "notification delivery " + id + " on channel '"
                    + channel.id() + "' has no recipient to resolve an address for");
        }
        Optional<String> address = resolver.address(ctx.tenantId(), userId, channel.addressKind());
        return address.orElseThrow(() -> new NotFoundException(CoreErrors.NO_ADDRESS, "user '" + userId + "' of tenant '"
                + ctx.tenantId() + "' has no " + channel.addressKind().name().toLowerCase(Locale.ROOT)
                + " address for channel '" + channel.id() + "' (delivery " + id + "); add it to the directory, then replay job "
                + ctx.jobId()));
    }
}
