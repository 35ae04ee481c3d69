package dev.oakit.core.internal.notify;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.ValidationException;
import dev.oakit.core.internal.db.Dialect;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.notify.Delivery;
import dev.oakit.core.notify.DeliveryQuery;
import dev.oakit.core.notify.DeliveryStatus;
import dev.oakit.core.notify.NotificationPreference;
import dev.oakit.core.notify.NotificationReceipt;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.notify.RenderedMessage;
import dev.oakit.core.spi.AddressKind;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The public face of notifications: renders, routes by preference, writes deliveries and schedules their jobs. */
@Singleton
public final class NotificationsService implements Notifications, dev.oakit.core.spi.CommandNotifications {
    /**
     * Derived status: the delivery row knows SENT; the job row knows about failures. A delivery
     * that is not SENT and has lost its job to retention was dead (a job that succeeds marks its
     * delivery SENT in the same transaction).
     */
    private static final String STATUS_SQL = "CASE WHEN d.status = 'SENT' THEN 'SENT'"
            + " WHEN j.id IS NULL OR j.status IN ('DEAD', 'CANCELLED') THEN 'DEAD'"
            + " WHEN j.last_error IS NOT NULL THEN 'FAILED' ELSE 'PENDING' END";

    private final Commands commands;
    private final ChannelRegistry channels;
    private final TemplateRegistry templates;
    private final NotificationsConfig config;
    private final dev.oakit.core.internal.job.JobRepository jobsOf;
    private final dev.oakit.core.internal.db.Database db;

    @Inject
    public NotificationsService(Commands commands, ChannelRegistry channels, TemplateRegistry templates, CoreConfig core,
                                dev.oakit.core.internal.job.JobRepository jobsOf, dev.oakit.core.internal.db.Database db) {
        this.jobsOf = jobsOf;
        this.db = db;
        this.commands = commands;
        this.channels = channels;
        this.templates = templates;
        this.config = core.notifications();
    }

    @Override
    public NotificationReceipt send(Actor actor, NotificationRequest request) {
        Checks.notNull("actor", actor);
        Checks.notNull("request", request);
        requireMaySendTo(actor, request.recipients());
        // render before the command: a missing variable is the caller's error and fails the call
        RenderedMessage message = render(request.templateKey(), request.locale(), request.variables());
        return commands.execute(CommandSpec.of(actor, "core.notification.send"), NotificationReceipt.class,
                ctx -> write(ctx, request, message));
    }

    @Override
    public List<NotificationReceipt> sendAll(CommandContext ctx, Actor sender, List<NotificationRequest> requests) {
        Checks.notNull("ctx", ctx);
        Checks.notNull("sender", sender);
        Checks.elements("requests", requests);
        if (!sender.tenantId().equals(ctx.tenantId())) {
            throw ValidationException.of("sender", "is of tenant '" + sender.tenantId() + "', the command of tenant '" + ctx.tenantId() + "'");
        }
        if (requests.isEmpty()) {
            return List.of();
        }
        List<RenderedMessage> messages = new ArrayList<>();
        for (NotificationRequest r : requests) {
            requireMaySendTo(sender, r.recipients());
            messages.add(render(r.templateKey(), r.locale(), r.variables()));
        }
        Handle h = ctx.handle();
        String tenant = ctx.tenantId();
        Object now = InstantAsUtc.toDb(ctx.now());
        List<String> ids = new ArrayList<>();
        var notifications = h.prepareBatch("""
                INSERT INTO oa_core_notification (id, tenant_id, template_key, locale, subject, body, html, created_by, created_at)
                VALUES (:id, :t, :k, :l, :s, :b, :html, :by, :now)""");
        Set<String> users = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        for (RenderedMessage m : messages) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            notifications.bind("id", id).bind("t", tenant).bind("k", m.templateKey()).bind("l", m.locale().toLanguageTag())
                    .bind("s", m.subject()).bind("b", m.body()).bind("html", m.html()).bind("by", sender.userId()).bind("now", now).add();
        }
        notifications.execute();
        for (int i = 0; i < requests.size(); i++) {
            users.addAll(requests.get(i).recipients());
            keys.add(messages.get(i).templateKey());
        }
        Map<String, Map<String, List<String>>> routes = routes(h, tenant, List.copyOf(users), keys);
        // the deliveries of every notification: (notification index, recipient or null for a group, channel)
        record Planned(int notification, String recipient, String channel) {
        }
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Set<String> groupChannels = new LinkedHashSet<>();
            for (String user : requests.get(i).recipients()) {
                for (String channel : routes.get(messages.get(i).templateKey()).get(user)) {
                    if (channels.find(channel).map(c -> c.addressKind() == AddressKind.GROUP).orElse(false)) {
                        groupChannels.add(channel);
                    } else {
                        planned.add(new Planned(i, user, channel));
                    }
                }
            }
            for (String channel : groupChannels) {
                planned.add(new Planned(i, null, channel));
            }
        }
        List<List<Long>> deliveries = new ArrayList<>();
        requests.forEach(r -> deliveries.add(new ArrayList<>()));
        if (!planned.isEmpty()) {
            List<Long> deliveryIds = new ArrayList<>();
            if (db.dialect() == Dialect.MARIADB) {
                for (Planned p : planned) { // MariaDB's driver returns one generated key per batch, not each
                    deliveryIds.add(insertDelivery(h, tenant, ids.get(p.notification()), p.recipient(), p.channel(), now));
                }
            } else {
                var batch = h.prepareBatch(DELIVERY_SQL);
                for (Planned p : planned) {
                    batch.bind("t", tenant).bind("n", ids.get(p.notification())).bind("r", p.recipient()).bind("c", p.channel())
                            .bind("now", now).add();
                }
                deliveryIds.addAll(batch.executePreparedBatch("id").mapTo(Long.class).list());
            }
            List<JobRequest> jobs = deliveryIds.stream().map(this::deliveryJob).toList();
            List<Long> jobIds = jobsOf.insertAllReturningIds(h, tenant, jobs, ctx.now());
            if (ctx instanceof dev.oakit.core.internal.command.WakesWorkers w) {
                w.jobsWritten(); // the delivery jobs run right after the commit, not on the next poll
            }
            var link = h.prepareBatch("UPDATE oa_core_notify_delivery SET job_id = :j WHERE id = :id");
            for (int k = 0; k < deliveryIds.size(); k++) {
                link.bind("j", jobIds.get(k)).bind("id", deliveryIds.get(k)).add();
                deliveries.get(planned.get(k).notification()).add(deliveryIds.get(k));
            }
            link.execute();
        }
        List<NotificationReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            receipts.add(new NotificationReceipt(ids.get(i), List.copyOf(deliveries.get(i))));
        }
        return receipts;
    }

    private static final String DELIVERY_SQL = """
            INSERT INTO oa_core_notify_delivery (tenant_id, notification_id, recipient_id, channel, status, created_at)
            VALUES (:t, :n, :r, :c, 'PENDING', :now)""";

    private long insertDelivery(Handle h, String tenant, String notificationId, String recipient, String channel, Object now) {
        return h.createUpdate(DELIVERY_SQL).bind("t", tenant).bind("n", notificationId).bind("r", recipient).bind("c", channel)
                .bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private JobRequest deliveryJob(long deliveryId) {
        JobRequest job = JobRequest.of(DeliveryJob.TYPE, Map.of("deliveryId", deliveryId));
        return config.maxAttempts() != null ? job.maxAttempts(config.maxAttempts()) : job;
    }

    /** @return per template key, channel ids per recipient (see {@link #routes(Handle, String, List, String)}), in one query */
    private Map<String, Map<String, List<String>>> routes(Handle h, String tenantId, List<String> users, Set<String> keys) {
        Map<String, Map<String, NotificationPreference>> exact = new HashMap<>();
        Map<String, NotificationPreference> any = new HashMap<>();
        for (int from = 0; from < users.size(); from += 500) {
            List<String> chunk = users.subList(from, Math.min(users.size(), from + 500));
            h.createQuery("""
                    SELECT user_id, template_key, channels, enabled FROM oa_core_notify_pref
                    WHERE tenant_id = :t AND template_key IN (<keys>) AND user_id IN (<users>)""")
                    .bind("t", tenantId).bindList("keys", java.util.stream.Stream.concat(keys.stream(), java.util.stream.Stream.of("*")).toList())
                    .bindList("users", chunk)
                    .map((rs, c) -> preference(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                    .forEach(p -> {
                        if (p.key().equals("*")) {
                            any.put(p.userId(), p);
                        } else {
                            exact.computeIfAbsent(p.key(), k -> new HashMap<>()).put(p.userId(), p);
                        }
                    });
        }
        Map<String, Map<String, List<String>>> routes = new HashMap<>();
        for (String key : keys) {
            Map<String, List<String>> of = new HashMap<>();
            for (String u : users) {
                NotificationPreference p = exact.getOrDefault(key, Map.of()).getOrDefault(u, any.get(u));
                of.put(u, p == null ? config.defaultChannels() : p.enabled() ? p.channels() : List.of());
            }
            routes.put(key, of);
        }
        return routes;
    }

    private NotificationReceipt write(CommandContext ctx, NotificationRequest request, RenderedMessage message) {
        Handle h = ctx.handle();
        String id = UUID.randomUUID().toString();
        Instant now = ctx.now();
        h.createUpdate("""
                INSERT INTO oa_core_notification (id, tenant_id, template_key, locale, subject, body, html, created_by, created_at)
                VALUES (:id, :t, :k, :l, :s, :b, :html, :by, :now)""")
                .bind("id", id).bind("t", ctx.tenantId()).bind("k", message.templateKey())
                .bind("l", message.locale().toLanguageTag()).bind("s", message.subject()).bind("b", message.body())
                .bind("html", message.html()).bind("by", ctx.actor().userId()).bind("now", InstantAsUtc.toDb(now)).execute();
        ctx.target("notification", id);

        Map<String, List<String>> routes = routes(h, ctx.tenantId(), request.recipients(), request.templateKey());
        List<Long> deliveries = new ArrayList<>();
        Set<String> groupChannels = new LinkedHashSet<>();
        for (String user : request.recipients()) {
            for (String channel : routes.get(user)) {
                boolean group = channels.find(channel).map(c -> c.addressKind() == AddressKind.GROUP).orElse(false);
                if (group) {
                    groupChannels.add(channel); // one message to the group, whoever it is for
                } else {
                    deliveries.add(deliver(ctx, id, user, channel));
                }
            }
        }
        for (String channel : groupChannels) {
            deliveries.add(deliver(ctx, id, null, channel));
        }
        ctx.summary("sent notification '" + message.templateKey() + "' to " + request.recipients().size()
                + " recipient(s) as " + deliveries.size() + " delivery(ies)");
        return new NotificationReceipt(id, deliveries);
    }

    private long deliver(CommandContext ctx, String notificationId, String recipient, String channel) {
        Handle h = ctx.handle();
        long deliveryId = h.createUpdate("""
                INSERT INTO oa_core_notify_delivery (tenant_id, notification_id, recipient_id, channel, status, created_at)
                VALUES (:t, :n, :r, :c, 'PENDING', :now)""")
                .bind("t", ctx.tenantId()).bind("n", notificationId).bind("r", recipient).bind("c", channel)
                .bind("now", InstantAsUtc.toDb(ctx.now()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        JobRequest job = JobRequest.of(DeliveryJob.TYPE, Map.of("deliveryId", deliveryId));
        if (config.maxAttempts() != null) {
            job = job.maxAttempts(config.maxAttempts());
        }
        long jobId = ctx.schedule(job);
        h.createUpdate("UPDATE oa_core_notify_delivery SET job_id = :j WHERE id = :id")
                .bind("j", jobId).bind("id", deliveryId).execute();
        return deliveryId;
    }

    /** @return channel ids per recipient: preference for the key, else for '*', else the defaults; empty when muted */
    private Map<String, List<String>> routes(Handle h, String tenantId, List<String> users, String key) {
        Map<String, NotificationPreference> exact = new HashMap<>();
        Map<String, NotificationPreference> any = new HashMap<>();
        for (int from = 0; from < users.size(); from += 500) {
            List<String> chunk = users.subList(from, Math.min(users.size(), from + 500));
            h.createQuery("""
                    SELECT user_id, template_key, channels, enabled FROM oa_core_notify_pref
                    WHERE tenant_id = :t AND template_key IN (:k, '*') AND user_id IN (<users>)""")
                    .bind("t", tenantId).bind("k", key).bindList("users", chunk)
                    .map((rs, c) -> preference(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                    .forEach(p -> (p.key().equals(key) ? exact : any).put(p.userId(), p));
        }
        Map<String, List<String>> routes = new HashMap<>();
        for (String u : users) {
            NotificationPreference p = exact.getOrDefault(u, any.get(u));
            routes.put(u, p == null ? config.defaultChannels() : p.enabled() ? p.channels() : List.of());
        }
        return routes;
    }

    private static NotificationPreference preference(String user, String key, String channels, boolean enabled) {
        List<String> list = channels == null || channels.isEmpty() ? List.of() : Arrays.asList(channels.split(","));
        return new NotificationPreference(user, key, list, enabled);
    }

    @Override
    public RenderedMessage render(String templateKey, Locale locale, Map<String, ?> variables) {
        Checks.text("templateKey", templateKey, 100);
        return templates.find(templateKey, locale).render(variables == null ? Map.of() : variables);
    }

    @Override
    public List<Delivery> deliveries(Actor actor, DeliveryQuery query) {
        Checks.notNull("actor", actor);
        Checks.notNull("query", query);
        String recipient = query.recipientId();
        if (!actor.isAdmin()) {
            if (recipient != null && !recipient.equals(actor.userId())) {
                throw new ForbiddenException(CoreErrors.FORBIDDEN, "user '" + actor.userId()
                        + "' may not see deliveries to '" + recipient + "'; only the recipient and administrators may");
            }
            recipient = actor.userId();
        }
        StringBuilder sql = new StringBuilder("SELECT d.id, d.notification_id, n.template_key, d.recipient_id, d.channel,"
                + " d.address, " + STATUS_SQL + " AS eff_status, j.attempts, j.last_error, d.job_id, d.created_at, d.sent_at"
                + " FROM oa_core_notify_delivery d"
                + " JOIN oa_core_notification n ON n.id = d.notification_id AND n.tenant_id = d.tenant_id"
                + " LEFT JOIN oa_core_job j ON j.id = d.job_id"
                + " WHERE d.tenant_id = :t");
        if (query.notificationId() != null) {
            sql.append(" AND d.notification_id = :n");
        }
        if (recipient != null) {
            sql.append(" AND d.recipient_id = :r");
        }
        if (query.status() != null) {
            sql.append(" AND ").append(STATUS_SQL).append(" = :s");
        }
        sql.append(" ORDER BY d.id DESC");
        String r = recipient;
        return commands.query(h -> {
            Query q = h.createQuery(sql.toString()).bind("t", actor.tenantId());
            if (query.notificationId() != null) {
                q.bind("n", query.notificationId());
            }
            if (r != null) {
                q.bind("r", r);
            }
            if (query.status() != null) {
                q.bind("s", query.status().name());
            }
            return q.setMaxRows(query.limit()).map((rs, c) -> new Delivery(rs.getLong("id"), rs.getString("notification_id"),
                    rs.getString("template_key"), rs.getString("recipient_id"), rs.getString("channel"),
                    rs.getString("address"), DeliveryStatus.valueOf(rs.getString("eff_status")), rs.getInt("attempts"),
                    rs.getString("last_error"), rs.getLong("job_id"), instant(rs, "created_at"), instant(rs, "sent_at"))).list();
        });
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.time.LocalDateTime ldt = rs.getObject(column, java.time.LocalDateTime.class);
        return ldt == null ? null : ldt.toInstant(java.time.ZoneOffset.UTC);
    }

    @Override
    public NotificationPreference setPreference(Actor actor, NotificationPreference preference) {
        Checks.notNull("preference", preference);
        requireSelfOrAdmin(actor, preference.userId(), "set notification preferences of");
        List<ValidationException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < preference.channels().size(); i++) {
            String c = preference.channels().get(i);
            if (channels.find(c).isEmpty()) {
                problems.add(new ValidationException.Problem("channels[" + i + "]", "'" + c
                        + "' is no notification channel; use one of " + channels.ids()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(CoreErrors.VALIDATION, "notification preference of user '" + preference.userId() + "'", problems);
        }
        String joined = String.join(",", preference.channels());
        Checks.text("channels", joined.isEmpty() ? "-" : joined, 1000);
        return commands.execute(CommandSpec.of(actor, "core.notification.preference.set")
                .withTarget("user", preference.userId()), NotificationPreference.class, ctx -> {
            Object now = InstantAsUtc.toDb(ctx.now());
            int n = ctx.handle().createUpdate("""
                    UPDATE oa_core_notify_pref SET channels = :c, enabled = :e, updated_at = :now
                    WHERE tenant_id = :t AND user_id = :u AND template_key = :k""")
                    .bind("c", joined).bind("e", preference.enabled()).bind("now", now)
                    .bind("t", ctx.tenantId()).bind("u", preference.userId()).bind("k", preference.key()).execute();
            if (n == 0) {
                ctx.handle().createUpdate("""
                        INSERT INTO oa_core_notify_pref (tenant_id, user_id, template_key, channels, enabled, updated_at)
                        VALUES (:t, :u, :k, :c, :e, :now)""")
                        .bind("c", joined).bind("e", preference.enabled()).bind("now", now)
                        .bind("t", ctx.tenantId()).bind("u", preference.userId()).bind("k", preference.key()).execute();
            }
            ctx.summary("notification preference of '" + preference.userId() + "' for '" + preference.key() + "': "
                    + (preference.enabled() ? preference.channels() : "muted"));
            return preference;
        });
    }

    @Override
    public List<NotificationPreference> preferences(Actor actor, String userId) {
        Checks.id("userId", userId);
        requireSelfOrAdmin(actor, userId, "read notification preferences of");
        return commands.query(h -> h.createQuery("""
                SELECT user_id, template_key, channels, enabled FROM oa_core_notify_pref
                WHERE tenant_id = :t AND user_id = :u ORDER BY template_key""")
                .bind("t", actor.tenantId()).bind("u", userId)
                .map((rs, c) -> preference(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).list());
    }

    @Override
    public List<String> channels() {
        return channels.ids();
    }

    /** Administrators and senders notify anyone; other users only themselves (so nobody spams a tenant with any template). */
    private static void requireMaySendTo(Actor actor, List<String> recipients) {
        if (actor.isAdmin() || actor.hasRole(SENDER_ROLE)) {
            return;
        }
        List<String> others = recipients.stream().filter(r -> !r.equals(actor.userId())).toList();
        if (!others.isEmpty()) {
            throw new ForbiddenException(CoreErrors.FORBIDDEN, "user '" + actor.userId() + "' may not send notifications to "
                    + (others.size() > 5 ? others.size() + " other users" : "other users ("
                    + String.join(", ", others.stream().map(u -> "'" + u + "'").toList()) + ")")
                    + "; only administrators (role " + Actor.ADMIN_ROLE + ") and holders of role " + SENDER_ROLE
                    + " may; a user without them may notify only themself");
        }
    }

    private static void requireSelfOrAdmin(Actor actor, String userId, String what) {
        Checks.notNull("actor", actor);
        if (!actor.isAdmin() && !actor.userId().equals(userId)) {
            throw new ForbiddenException(CoreErrors.FORBIDDEN, "user '" + actor.userId() + "' may not " + what + " '"
                    + userId + "'; only that user and administrators (role " + Actor.ADMIN_ROLE + ") may");
        }
    }
}
