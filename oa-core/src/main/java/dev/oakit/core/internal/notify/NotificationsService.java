package dev.oakit.core.internal.notify;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.ValidationException;
import dev.oakit.core.internal.command.WakesWorkers;
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
import dev.oakit.core.spi.PlainJdbc;
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
    private final dev.oakit.core.internal.directory.TransactionalCache preferenceCache;

    @Inject
    private NotificationsService(Commands commands, ChannelRegistry channels, TemplateRegistry templates, CoreConfig core,
                                dev.oakit.core.internal.job.JobRepository jobsOf, dev.oakit.core.internal.db.Transactions transactions) {
        this.jobsOf = jobsOf;
        this.commands = commands;
        this.channels = channels;
        this.templates = templates;
        this.config = core.notifications();
        this.preferenceCache = new dev.oakit.core.internal.directory.TransactionalCache(commands, transactions,
                core.directoryCache().ttl(), core.directoryCache().maxEntries(), "notification-preferences");
    }

    @Override
    public NotificationReceipt send(Actor actor, NotificationRequest request) {
        Checks.notNull("actor", actor);
        Checks.notNull("request", request);
        requireMaySendTo(actor, request.recipients());
        // render before the command: a missing variable is the caller's error and fails the call
        RenderedMessage message = render(request.templateKey(), request.locale(), request.variables());
        return commands.execute(CommandSpec.of(actor, "core.notification.send"), NotificationReceipt.class, ctx -> {
            NotificationReceipt receipt = write(ctx, actor, List.of(request), List.of(message)).get(0);
            ctx.target("notification", receipt.notificationId());
            ctx.summary("sent notification '" + message.templateKey() + "' to " + request.recipients().size()
                    + " recipient(s) as " + receipt.deliveryIds().size() + " delivery(ies)");
            return receipt;
        });
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
        return write(ctx, sender, requests, messages);
    }

    /**
     * Writes rendered notifications, their deliveries and the deliveries' jobs, the one path of {@link #send} and
     * {@link #sendAll}: the notifications in one batch; the recipients' routes (preferences cached); the jobs in one
     * batch with the jobs the command gathered through {@code scheduleNew}; the deliveries, naming their jobs, in one
     * batch. Each job finds its delivery by its own id, so nothing is written back.
     */
    private List<NotificationReceipt> write(CommandContext ctx, Actor sender, List<NotificationRequest> requests,
                                            List<RenderedMessage> messages) {
        Handle h = ctx.handle();
        String tenant = ctx.tenantId();
        Object now = InstantAsUtc.toDb(ctx.now());
        List<String> ids = new ArrayList<>();
        Set<String> users = new LinkedHashSet<>();
        // every notifying command writes them: plain JDBC held per connection (HeldStatements), one batch
        PlainJdbc.batch(h, PlainJdbc.Prepared.HELD, NOTIFICATION_SQL, messages.size(), (p, k) -> {
            RenderedMessage m = messages.get(k);
            String id = UUID.randomUUID().toString();
            ids.add(id);
            p.setString(1, id);
            PlainJdbc.text(p, 2, tenant);
            PlainJdbc.text(p, 3, m.templateKey());
            PlainJdbc.text(p, 4, m.locale().toLanguageTag());
            PlainJdbc.text(p, 5, m.subject());
            PlainJdbc.text(p, 6, m.body());
            PlainJdbc.text(p, 7, m.html());
            PlainJdbc.text(p, 8, sender.userId());
            PlainJdbc.time(p, 9, ctx.now());
        });
        requests.forEach(r -> users.addAll(r.recipients()));
        Map<String, List<NotificationPreference>> preferences = preferences(h, tenant, users);
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            for (Route route : routes(requests.get(i).recipients(), messages.get(i).templateKey(), preferences)) {
                planned.add(new Planned(i, route.recipient(), route.channel()));
            }
        }
        List<JobRequest> jobs = new ArrayList<>(ctx instanceof WakesWorkers w ? w.takeNewJobs() : List.of());
        int gathered = jobs.size();
        planned.forEach(p -> jobs.add(deliveryJob(ids.get(p.notification()))));
        List<List<Long>> deliveries = new ArrayList<>();
        requests.forEach(r -> deliveries.add(new ArrayList<>()));
        if (!jobs.isEmpty()) {
            List<Long> jobIds = jobsOf.insertNew(h, tenant, jobs, ctx.now());
            if (ctx instanceof WakesWorkers w) {
                w.jobsWritten(); // the delivery jobs run right after the commit, not on the next poll
            }
            List<Long> deliveryIds = insertDeliveries(h, tenant, ids, planned, jobIds.subList(gathered, jobIds.size()), now);
            for (int k = 0; k < deliveryIds.size(); k++) {
                deliveries.get(planned.get(k).notification()).add(deliveryIds.get(k));
            }
        }
        List<NotificationReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            receipts.add(new NotificationReceipt(ids.get(i), List.copyOf(deliveries.get(i))));
        }
        return receipts;
    }

    /** A delivery to write: the notification's index, the recipient (null for a group channel's one message), the channel. */
    private record Planned(int notification, String recipient, String channel) {
    }

    /** Where one notification goes: a user on a channel, or a group channel once (recipient null). */
    record Route(String recipient, String channel) {
    }

    /**
     * The routing rule, in one place: each recipient's channels are their preference for the template, else their
     * preference for '*', else the configured defaults; a disabled preference mutes. A group channel (a team chat) gets
     * one message whoever it is for, after the personal deliveries.
     */
    List<Route> routes(List<String> recipients, String templateKey, Map<String, List<NotificationPreference>> preferences) {
        List<Route> out = new ArrayList<>();
        Set<String> groupChannels = new LinkedHashSet<>();
        for (String user : recipients) {
            NotificationPreference exact = null;
            NotificationPreference any = null;
            for (NotificationPreference p : preferences.getOrDefault(user, List.of())) {
                if (p.key().equals(templateKey)) {
                    exact = p;
                } else if (p.key().equals("*")) {
                    any = p;
                }
            }
            NotificationPreference p = exact != null ? exact : any;
            for (String channel : p == null ? config.defaultChannels() : p.enabled() ? p.channels() : List.<String>of()) {
                if (channels.find(channel).map(c -> c.addressKind() == AddressKind.GROUP).orElse(false)) {
                    groupChannels.add(channel);
                } else {
                    out.add(new Route(user, channel));
                }
            }
        }
        groupChannels.forEach(c -> out.add(new Route(null, c)));
        return out;
    }

    private List<Long> insertDeliveries(Handle h, String tenant, List<String> notificationIds, List<Planned> planned,
                                        List<Long> jobIds, Object now) {
        List<Long> ids = new ArrayList<>();
        if (planned.size() < 2) {
            for (int k = 0; k < planned.size(); k++) {
                ids.add(bound(h.createUpdate(DELIVERY_SQL), tenant, notificationIds, planned.get(k), jobIds.get(k), now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            }
            return ids;
        }
        // plain JDBC held per connection (HeldStatements), one batch
        ids.addAll(PlainJdbc.batchInsert(h, PlainJdbc.Prepared.HELD, DELIVERY_POSITIONAL, "id", planned.size(), (p, k) -> {
            Planned d = planned.get(k);
            PlainJdbc.text(p, 1, tenant);
            PlainJdbc.text(p, 2, notificationIds.get(d.notification()));
            PlainJdbc.text(p, 3, d.recipient());
            PlainJdbc.text(p, 4, d.channel());
            p.setLong(5, jobIds.get(k));
            PlainJdbc.value(p, 6, now);
        }));
        return ids;
    }

    /** @return the statement with one delivery's values bound (its single and its batch insert alike) */
    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bound(S statement, String tenant,
            List<String> notificationIds, Planned p, long jobId, Object now) {
        return statement.bind("t", tenant).bind("n", notificationIds.get(p.notification())).bind("r", p.recipient())
                .bind("c", p.channel()).bind("j", jobId).bind("now", now);
    }

    private static final String DELIVERY_SQL = """
            INSERT INTO oa_core_notify_delivery (tenant_id, notification_id, recipient_id, channel, status, job_id, created_at)
            VALUES (:t, :n, :r, :c, 'PENDING', :j, :now)""";
    private static final String DELIVERY_POSITIONAL = PlainJdbc.positional(DELIVERY_SQL);
    private static final String NOTIFICATION_SQL = """
            INSERT INTO oa_core_notification (id, tenant_id, template_key, locale, subject, body, html, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** The delivery job names the notification; the job finds its delivery by the notification and its own id. */
    private JobRequest deliveryJob(String notificationId) {
        JobRequest job = JobRequest.of(DeliveryJob.TYPE, Map.of("notificationId", notificationId));
        return config.maxAttempts() != null ? job.maxAttempts(config.maxAttempts()) : job;
    }

    /**
     * @return the recipients' preferences (every template's), through the cache: a user's are reused for at most the
     *     directory cache's TTL and never after a preference command of this node began or ended, nor in a transaction
     *     that set preferences or a host's transaction; the others in one query
     */
    private Map<String, List<NotificationPreference>> preferences(Handle h, String tenantId, Set<String> users) {
        Map<String, List<NotificationPreference>> byKey = preferenceCache.getAll("notify.pref." + tenantId, users, List.of(), missing -> {
            Map<String, List<NotificationPreference>> loaded = new HashMap<>();
            for (int from = 0; from < missing.size(); from += 500) {
                h.createQuery("""
                        SELECT user_id, template_key, channels, enabled FROM oa_core_notify_pref
                        WHERE tenant_id = :t AND user_id IN (<users>)""")
                        .bind("t", tenantId).bindList("users", missing.subList(from, Math.min(missing.size(), from + 500)))
                        .map((rs, c) -> preference(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                        .forEach(p -> loaded.computeIfAbsent(p.userId(), u -> new ArrayList<>()).add(p));
            }
            return loaded;
        });
        return byKey;
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
        // forgets the cached preferences as it begins, ends and commits; its transaction reads around the cache
        return preferenceCache.execute(CommandSpec.of(actor, "core.notification.preference.set")
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
