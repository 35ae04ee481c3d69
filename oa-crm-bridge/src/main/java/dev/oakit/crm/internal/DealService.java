package dev.oakit.crm.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.core.spi.Commands;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.DealApprovals;
import dev.oakit.crm.DealRequest;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.crm.spi.CrmRecords;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.inbox.VerifiedWebhook;
import dev.oakit.integration.spi.RemoteRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The {@link DealApprovals} facade: webhooks into the inbox, reads of the rounds. */
@Singleton
public final class DealService implements DealApprovals {
    private final Commands commands;
    private final DealRepository repo;
    private final Inbox inbox;
    private final CrmConnectors connectors;

    @Inject
    public DealService(Commands commands, DealRepository repo, Inbox inbox, CrmConnectors connectors) {
        this.commands = commands;
        this.repo = repo;
        this.inbox = inbox;
        this.connectors = connectors;
    }

    @Override
    public boolean receive(Actor admin, String target, VerifiedWebhook webhook) {
        Checks.notNull("admin", admin);
        Checks.notNull("webhook", webhook);
        admin.requireAdmin("receive a deal approval request");
        connectors.require(target);
        ApprovalRequest r;
        try {
            r = CrmRecords.read(new RemoteRecord("webhook", "body", 0, null, webhook.text()), ApprovalRequest.class);
        } catch (ValidationException | IllegalArgumentException e) {
            throw ValidationException.of("webhook", "the body is no approval request (" + e.getMessage() + "); send the record as JSON with"
                    + " id, kind, title, status and version");
        }
        return inbox.accept(admin, new InboundEvent(target, CrmConnector.feedOf(r.kind()), r.id(), r.version(), webhook.delivery().orElse(null),
                null)).accepted();
    }

    @Override
    public List<DealRequest> rounds(Actor actor, String target, ApprovalRequest.Kind kind, String requestId) {
        Checks.notNull("actor", actor);
        return commands.query(h -> repo.rounds(h, actor.tenantId(), target, kind, requestId)).stream().map(DealRepository.Row::deal).toList();
    }

    @Override
    public Optional<DealRequest> byInstance(Actor actor, long instanceId) {
        Checks.notNull("actor", actor);
        return commands.query(h -> repo.byInstance(h, actor.tenantId(), instanceId)).map(DealRepository.Row::deal);
    }
}
