package dev.oakit.integration.internal.inbox;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.inbox.InboxReceipt;
import dev.oakit.integration.inbox.InboxReceipt.Outcome;
import dev.oakit.integration.inbox.VerifiedWebhook;
import dev.oakit.integration.inbox.WebhookSpec;
import dev.oakit.integration.internal.Columns;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Inbox}. Each accept is one audited command. Two deliveries of one event racing each
 * other both pass the "seen?" read; the unique index lets one insert win, the other's command
 * fails as a duplicate key and is run again, and then it reads the winner's row.
 */
@Singleton
public final class InboxService implements Inbox {
    /** Enough for any number of racing duplicates: each rerun sees every row committed before it. */
    private static final int RERUNS = 3;
    private static final String TARGET = "inbox-delivery";

    private final Commands commands;
    private final InboxRepository repo;
    private final Clock clock;
    private final EchoRule echoes;

    @Inject
    public InboxService(Commands commands, InboxRepository repo, Clock clock, EchoRule echoes) {
        this.commands = commands;
        this.repo = repo;
        this.clock = clock;
        this.echoes = echoes;
    }

    @Override
    public VerifiedWebhook verify(WebhookSpec spec, Map<String, String> headers, byte[] body) {
        Checks.notNull("spec", spec);
        Checks.notNull("headers", headers);
        Checks.notNull("body", body);
        return WebhookSignatures.verify(spec, headers, body, clock.instant());
    }

    @Override
    public InboxReceipt accept(Actor actor, InboundEvent event) {
        return accept(actor, event, null);
    }

    /**
     * Accepts a change as {@link #accept(Actor, InboundEvent)} does, with OAKit's key when the record
     * carries one (a pulled record), for the {@link EchoRule}.
     */
    public InboxReceipt accept(Actor actor, InboundEvent event, String ourKey) {
        Checks.notNull("actor", actor);
        Checks.notNull("event", event);
        String key = deliveryKey(event);
        CommandSpec spec = new CommandSpec(actor, "integration.inbox.accept", TARGET, Columns.cut(event.system() + "/" + key, 128), null);
        for (int run = 1; ; run++) {
            try {
                return commands.execute(spec, InboxReceipt.class, ctx -> accept(ctx, event, key, ourKey));
            } catch (ConflictException e) {
                if (!CoreErrors.DUPLICATE.equals(e.code()) || run >= RERUNS) {
                    throw e;
                }
            }
        }
    }

    private InboxReceipt accept(CommandContext ctx, InboundEvent e, String key, String ourKey) {
        String t = ctx.tenantId();
        Optional<Long> stored = e.remoteVersion() == null ? Optional.empty() : repo.version(ctx.handle(), t, e, false);
        if (repo.seen(ctx.handle(), t, e.system(), key)) {
            ctx.summary("duplicate delivery " + key + " of " + e.system() + "/" + e.entityType() + "/" + e.entityId() + " ignored");
            return new InboxReceipt(Outcome.DUPLICATE, stored.orElse(null));
        }
        Outcome outcome = Outcome.ACCEPTED;
        if (e.remoteVersion() != null) {
            if (stored.isEmpty()) {
                repo.insertVersion(ctx.handle(), t, e, ctx.now());
                if (echoes.isEcho(ctx.handle(), t, e.system(), e.entityType(), e.entityId(), ourKey, true)) {
                    outcome = Outcome.ECHO;
                }
            } else if (stored.get() >= e.remoteVersion() || !repo.raiseVersion(ctx.handle(), t, e, ctx.now())) {
                // a concurrent delivery may have raised it since our read: compare with the latest committed version
                stored = repo.version(ctx.handle(), t, e, true);
                outcome = stored.orElseThrow().equals(e.remoteVersion()) ? Outcome.DUPLICATE : Outcome.STALE;
            }
        }
        repo.record(ctx.handle(), t, key, e, outcome, ctx.now());
        Long now = (outcome == Outcome.ACCEPTED || outcome == Outcome.ECHO) && e.remoteVersion() != null ? e.remoteVersion()
                : stored.orElse(null);
        if (outcome == Outcome.ACCEPTED) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("system", e.system());
            payload.put("entityType", e.entityType());
            payload.put("entityId", e.entityId());
            payload.put("remoteVersion", e.remoteVersion());
            payload.put("deliveryId", e.deliveryId());
            if (e.payload() != null) {
                payload.put("payload", e.payload()); // the record as received, so that listeners apply it without reading it again
            }
            ctx.publish("integration.inbox.accepted", "inbox-entity", Columns.cut(e.system() + "/" + e.entityType() + "/" + e.entityId(), 128),
                    payload);
        }
        ctx.summary(outcome.name().toLowerCase(java.util.Locale.ROOT) + " " + key + " of " + e.system() + "/" + e.entityType() + "/"
                + e.entityId() + (e.remoteVersion() == null ? "" : " version " + e.remoteVersion())
                + (stored.isPresent() ? " (stored " + stored.get() + ")" : ""));
        return new InboxReceipt(outcome, now);
    }

    /** The delivery id when there is one, else entity and version; cut to the column, hashed only if too long. */
    static String deliveryKey(InboundEvent e) {
        String k = e.deliveryId() != null && !e.deliveryId().isBlank() ? "id:" + e.deliveryId()
                : "v:" + e.entityType() + "/" + e.entityId() + "@" + e.remoteVersion();
        if (k.length() <= 191) {
            return k;
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
        }
    }
}
