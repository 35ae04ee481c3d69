package dev.oakit.integration.internal.pull;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.internal.Columns;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.RemoteReads;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.InboxReceipt;
import dev.oakit.integration.internal.Connectors;
import dev.oakit.integration.internal.inbox.InboxService;
import dev.oakit.integration.pull.ChangeNotices;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@link ChangeNotices}: a guarded read of the one record, then the inbox as a pull uses it (with the record's key). */
@Singleton
public final class ChangeNoticeService implements ChangeNotices {
    private final Connectors connectors;
    private final RemoteReads reads;
    private final InboxService inbox;
    private final IntegrationConfig config;
    private final Commands commands;

    @Inject
    public ChangeNoticeService(Connectors connectors, RemoteReads reads, InboxService inbox, IntegrationConfig config, Commands commands) {
        this.commands = commands;
        this.connectors = connectors;
        this.reads = reads;
        this.inbox = inbox;
        this.config = config;
    }

    @Override
    public Optional<InboxReceipt> changed(Actor admin, String target, String entityType, String externalId) throws RemoteCallException {
        Checks.notNull("admin", admin);
        Checks.text("externalId", externalId, 191);
        admin.requireAdmin("accept change notices");
        ChangeFeed feed = connectors.requireFeed(target, entityType);
        Optional<RemoteRecord> read = reads.read(admin, target, "read " + entityType + " " + externalId, config.callTimeout(),
                call -> feed.read(call, externalId));
        if (read.isEmpty()) {
            return Optional.empty();
        }
        RemoteRecord r = read.get();
        return Optional.of(inbox.accept(admin, InboundEvent.ofVersion(target, r.entityType(), r.externalId(),
                r.version(), r.payload()), r.key()));
    }

    @Override
    public void notice(Actor admin, String target, String entityType, String externalId, Long atLeast) {
        Checks.notNull("admin", admin);
        Checks.text("externalId", externalId, 191);
        admin.requireAdmin("accept change notices");
        connectors.requireFeed(target, entityType);
        String what = target + "/" + entityType + "/" + externalId;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("target", target);
        payload.put("entityType", entityType);
        payload.put("externalId", externalId);
        payload.put("atLeast", atLeast);
        commands.execute(new CommandSpec(admin, "integration.notice", "inbox-entity", Columns.cut(what, 128), null), Void.class, ctx -> {
            ctx.schedule(JobRequest.of(ChangeNoticeJob.TYPE, payload).at(ctx.now().plus(NOTICE_DELAY))
                    .dedupe(Columns.cut(ChangeNoticeJob.TYPE + ":" + what + "@" + atLeast, 200)));
            ctx.summary("notice of " + what + (atLeast == null ? "" : " at version " + atLeast) + ": read in " + NOTICE_DELAY);
            return null;
        });
    }
}
