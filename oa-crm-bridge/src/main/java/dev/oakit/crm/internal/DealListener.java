package dev.oakit.crm.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.EventListener;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.HistoryEntry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The deal approvals' two triggers: a request the inbox accepted (from a pull of a request feed or a
 * webhook) schedules its intake, once per record version; an ended deal approval requests its decision's
 * write. Both are idempotent: a repeated delivery finds the job deduplicated or the round moved on.
 */
@Singleton
public final class DealListener implements EventListener {
    private final Commands commands;
    private final CrmConnectors connectors;
    private final DealFlow flow;
    private final ApprovalQueries queries;

    @Inject
    public DealListener(Commands commands, CrmConnectors connectors, DealFlow flow, ApprovalQueries queries) {
        this.commands = commands;
        this.connectors = connectors;
        this.flow = flow;
        this.queries = queries;
    }

    @Override
    public String id() {
        return "crm.deal";
    }

    @Override
    public boolean accepts(String eventType) {
        // the inbox's events come through CrmInboxListener, one delivery per record for the whole bridge
        return eventType.equals("wf.instance.ended");
    }

    @Override
    public void onEvent(DomainEvent event) {
        if (event.type().equals("wf.instance.ended")) {
            ended(event);
        } else {
            requestChanged(event); // a delivery scheduled when this listener still took the inbox's events
        }
    }

    /** A request record the inbox accepted: its intake is scheduled (read again and applied by {@link DealIntakeJob}). */
    void requestChanged(DomainEvent event) {
        String target = event.payload().path("system").asText();
        String entityType = event.payload().path("entityType").asText();
        ApprovalRequest.Kind kind = entityType.equals(CrmConnector.DISCOUNT_REQUESTS) ? ApprovalRequest.Kind.DISCOUNT
                : entityType.equals(CrmConnector.CONTRACT_REQUESTS) ? ApprovalRequest.Kind.CONTRACT : null;
        if (kind == null || connectors.get(target).isEmpty()) {
            return;
        }
        String requestId = event.payload().path("entityId").asText();
        String version = event.payload().path("remoteVersion").asText();
        commands.execute(new CommandSpec(Actor.system(event.tenantId()), "crm.deal.intake", "crm-request", cut(requestId), null), Void.class,
                ctx -> {
                    ctx.schedule(JobRequest.of(DealIntakeJob.TYPE, Map.of("target", target, "kind", kind.name(), "requestId", requestId))
                            .at(ctx.now()).dedupe(cut(DealIntakeJob.TYPE + ":" + target + ":" + kind + ":" + requestId + "@" + version)));
                    ctx.summary("request " + requestId + " of " + target + " changed (version " + version + "); it is read and applied");
                    return null;
                });
    }

    private void ended(DomainEvent event) {
        if (!"process-instance".equals(event.aggregateType())) {
            return;
        }
        String tenant = event.tenantId();
        long instanceId = Long.parseLong(event.aggregateId());
        String outcome = event.payload().path("outcome").asText("");
        String comment = null;
        String decidedBy = null;
        if (outcome.equals("APPROVED") || outcome.equals("REJECTED")) {
            List<HistoryEntry> decisions = queries.detail(Actor.system(tenant), instanceId).timeline().stream()
                    .filter(h -> h.action().equals("approved") || h.action().equals("rejected")).toList();
            List<String> comments = decisions.stream().filter(h -> h.comment() != null && !h.comment().isBlank())
                    .map(h -> h.actorId() + ": " + h.comment()).toList();
            comment = comments.isEmpty() ? null : String.join("\n", comments);
            decidedBy = decisions.isEmpty() ? null : decisions.stream().map(HistoryEntry::actorId).filter(Objects::nonNull).distinct()
                    .reduce((a, b) -> a + ", " + b).orElse(null);
        }
        flow.decided(tenant, instanceId, outcome, comment, decidedBy);
    }

    private static String cut(String s) {
        return s.length() <= 128 ? s : s.substring(0, 128);
    }
}
