package dev.oakit.crm.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.DealApproval;
import dev.oakit.crm.DealRequest;
import dev.oakit.crm.DealStatus;
import dev.oakit.crm.Decision;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.StartRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decisions of the deal approvals, each one audited command on the request's rounds: a request read
 * from the CRM starts, withdraws or supersedes a round; an ended instance requests its decision's remote
 * write; a decision refused because the record changed is re-evaluated or flagged as the definition says.
 * Every step is a compare-and-set on the round's status, so a step run twice (a retried job, a second
 * node, a repeated event) changes nothing the second time. No remote call here: callers read the CRM first.
 */
@Singleton
public final class DealFlow {
    private final Commands commands;
    private final DealRepository repo;
    private final Approvals approvals;
    private final RemoteWrites writes;
    private final DealNotices notices;

    @Inject
    public DealFlow(Commands commands, DealRepository repo, Approvals approvals, RemoteWrites writes, DealNotices notices) {
        this.commands = commands;
        this.repo = repo;
        this.approvals = approvals;
        this.writes = writes;
        this.notices = notices;
    }

    /**
     * Applies a request as the CRM holds it now.
     *
     * @param current the request read from the CRM, or empty when the CRM has no such record any more
     */
    public void apply(String tenant, String target, ApprovalRequest.Kind kind, String requestId, Optional<ApprovalRequest> current) {
        command(tenant, "crm.deal.receive", requestId, ctx -> {
            Optional<DealRepository.Row> latest = repo.latest(ctx.handle(), tenant, target, kind, requestId);
            if (current.isEmpty() || current.get().status() == ApprovalRequest.Status.WITHDRAWN) {
                String why = current.isEmpty() ? "deleted in the CRM" : "withdrawn in the CRM";
                if (latest.isEmpty() || !latest.get().deal().status().open()) {
                    return "request " + requestId + " was " + why + "; no approval is open";
                }
                return withdraw(ctx, latest.get(), why);
            }
            ApprovalRequest r = current.get();
            if (r.status() != ApprovalRequest.Status.REQUESTED) {
                return "request " + requestId + " is " + r.status() + " in the CRM; nothing to approve";
            }
            if (latest.isPresent() && latest.get().deal().version() >= r.version()) {
                return "request " + requestId + " version " + r.version() + " is under approval or decided already (instance "
                        + latest.get().deal().instanceId() + ")";
            }
            if (latest.isPresent() && latest.get().deal().status().open()) {
                return changed(ctx, latest.get(), r, false);
            }
            return start(ctx, target, r);
        });
    }

    /** The instance ended: its decision is written back to the CRM (or, cancelled in OAKit, the round closes). */
    public void decided(String tenant, long instanceId, String outcome, String comment, String decidedBy) {
        Optional<DealRepository.Row> row = commands.query(h -> repo.byInstance(h, tenant, instanceId));
        if (row.isEmpty() || row.get().deal().status() != DealStatus.IN_APPROVAL) {
            return; // not a deal approval, or closed already
        }
        DealRequest d = row.get().deal();
        command(tenant, "crm.deal.decide", d.requestId(), ctx -> {
            if (!outcome.equals("APPROVED") && !outcome.equals("REJECTED")) {
                boolean moved = repo.move(ctx.handle(), tenant, d, List.of(DealStatus.IN_APPROVAL), DealStatus.WITHDRAWN, null,
                        "the approval was " + outcome.toLowerCase(java.util.Locale.ROOT) + " in OAKit; nothing is written to the CRM", ctx.now());
                return moved ? "deal approval " + instanceId + " ended " + outcome + " in OAKit" : "deal approval " + instanceId + " moved on";
            }
            Decision.Outcome o = Decision.Outcome.valueOf(outcome);
            if (!repo.move(ctx.handle(), tenant, d, List.of(DealStatus.IN_APPROVAL), DealStatus.DECIDING, o, null, ctx.now())) {
                return "deal approval " + instanceId + " moved on";
            }
            String key = CrmConnector.decisionKey(d.requestId(), d.version());
            writes.request(ctx.actor(), new NewRemoteWrite(d.target(), CrmConnector.DECISION, key, localId(instanceId),
                    new Decision(d.requestId(), d.kind(), o, comment, decidedBy, d.version())));
            watch(ctx, d);
            return "deal approval " + instanceId + " " + o + ": the decision is written to record " + d.requestId() + " with key '" + key + "'";
        });
    }

    /** The decision is in the CRM; the requester is told. */
    public void written(String tenant, DealRepository.Row row, String system, String comment) {
        DealRequest d = row.deal();
        command(tenant, "crm.deal.written", d.requestId(), ctx -> {
            if (!repo.move(ctx.handle(), tenant, d, List.of(DealStatus.DECIDING), DealStatus.WRITTEN, null, null, ctx.now())) {
                return "deal approval " + d.instanceId() + " moved on";
            }
            notices.decided(ctx.actor(), row, d.title(), comment, system);
            comment(ctx, d.instanceId(), "Decision " + d.outcome() + " written to " + system + " record " + d.requestId() + " (version "
                    + d.version() + ")");
            return "deal approval " + d.instanceId() + ": " + d.outcome() + " written to record " + d.requestId();
        });
    }

    /** The CRM refused the decision for a reason other than a change of the record. */
    public void writeFailed(String tenant, DealRequest d, String system, String error, long deadLetter) {
        command(tenant, "crm.deal.write-failed", d.requestId(), ctx -> {
            if (!repo.move(ctx.handle(), tenant, d, List.of(DealStatus.DECIDING), DealStatus.WRITE_FAILED, null, error, ctx.now())) {
                return "deal approval " + d.instanceId() + " moved on";
            }
            comment(ctx, d.instanceId(), system + " refused the decision on record " + d.requestId() + ": " + error + " (dead letter " + deadLetter
                    + "; an administrator replays it after fixing the cause)");
            return "deal approval " + d.instanceId() + ": the decision was refused by " + system;
        });
    }

    /**
     * The CRM refused the decision because the record changed since the request: re-evaluated or flagged,
     * as the definition says.
     *
     * @param current the record as the CRM holds it now, or empty when it is gone
     */
    public void refusedAsChanged(String tenant, DealRequest d, String system, Optional<ApprovalRequest> current) {
        command(tenant, "crm.deal.changed", d.requestId(), ctx -> {
            DealRepository.Row row = repo.byInstance(ctx.handle(), tenant, d.instanceId()).orElseThrow();
            if (row.deal().status() != DealStatus.DECIDING) {
                return "deal approval " + d.instanceId() + " moved on";
            }
            if (current.isEmpty() || current.get().status() == ApprovalRequest.Status.WITHDRAWN) {
                return withdraw(ctx, row, current.isEmpty() ? "deleted in the CRM" : "withdrawn in the CRM");
            }
            String summary = changed(ctx, row, current.get(), true);
            notices.changed(ctx.actor(), row, d.title(), summary, system);
            return summary;
        });
    }

    private String start(CommandContext ctx, String target, ApprovalRequest r) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("crmTarget", target);
        form.put("requestId", r.id());
        form.put("title", r.title());
        put(form, "accountId", r.accountId());
        put(form, "amount", r.amount());
        put(form, "currency", r.currency());
        put(form, "discountPercent", r.discountPercent());
        put(form, "requestedBy", r.requestedBy());
        form.put("version", r.version());
        long instanceId = approvals.start(ctx.actor(), StartRequest.of(DealApproval.keyOf(r.kind()), form).withTitle(cut(r.title(), 200))
                .withBusinessKey(cut(target + ":" + r.id(), 128))).id();
        repo.insert(ctx.handle(), ctx.tenantId(), target, r, instanceId, ctx.now());
        return "request " + r.id() + " version " + r.version() + " is approved by instance " + instanceId;
    }

    private String withdraw(CommandContext ctx, DealRepository.Row row, String why) {
        DealRequest d = row.deal();
        if (!repo.move(ctx.handle(), ctx.tenantId(), d, List.of(DealStatus.IN_APPROVAL, DealStatus.DECIDING), DealStatus.WITHDRAWN, null,
                why, ctx.now())) {
            return "deal approval " + d.instanceId() + " moved on";
        }
        if (d.status() == DealStatus.IN_APPROVAL) {
            approvals.cancel(ctx.actor(), d.instanceId(), dev.oakit.workflow.Decision.comment("The request was " + why));
        } else {
            comment(ctx, d.instanceId(), "The request was " + why + "; the decision was not written");
        }
        return "deal approval " + d.instanceId() + " closed: the request was " + why;
    }

    /** The record changed while its round was open: a new round of the new version, or a flag. */
    private String changed(CommandContext ctx, DealRepository.Row row, ApprovalRequest now, boolean refused) {
        DealRequest d = row.deal();
        String reason = "the record changed in the CRM (version " + d.version() + " → " + now.version() + ")"
                + (refused ? "; the decision " + d.outcome() + " was not written" : "");
        if (row.onChanged() == DealApproval.OnChanged.FLAG) {
            if (!refused) {
                // the approval goes on; its decision will be refused by the changed record, and flagged then
                comment(ctx, d.instanceId(), "Note: " + reason + " while it was being approved; the decision will not be written to the changed record");
                return "deal approval " + d.instanceId() + ": " + reason + "; flagged when decided";
            }
            repo.move(ctx.handle(), ctx.tenantId(), d, List.of(DealStatus.DECIDING), DealStatus.FLAGGED, null, reason, ctx.now());
            comment(ctx, d.instanceId(), "Flagged: " + reason + ". Look at the record in the CRM and decide there or send it for approval again");
            return "deal approval " + d.instanceId() + " flagged: " + reason;
        }
        repo.move(ctx.handle(), ctx.tenantId(), d, List.of(DealStatus.IN_APPROVAL, DealStatus.DECIDING), DealStatus.REEVALUATED, null, reason,
                ctx.now());
        String next = start(ctx, d.target(), now);
        long newInstance = repo.latest(ctx.handle(), ctx.tenantId(), d.target(), d.kind(), d.requestId()).orElseThrow().deal().instanceId();
        if (d.status() == DealStatus.IN_APPROVAL) {
            approvals.cancel(ctx.actor(), d.instanceId(), dev.oakit.workflow.Decision.comment("Closed: " + reason + "; re-evaluated as instance "
                    + newInstance));
        } else {
            comment(ctx, d.instanceId(), "Closed: " + reason + "; re-evaluated as instance " + newInstance);
        }
        return "deal approval " + d.instanceId() + " re-evaluated: " + reason + "; " + next;
    }

    private void comment(CommandContext ctx, long instanceId, String text) {
        approvals.comment(ctx.actor(), instanceId, dev.oakit.workflow.Decision.comment(cut(text, 2000)));
    }

    private interface Step {
        String run(CommandContext ctx);
    }

    private String command(String tenantId, String action, String requestId, Step step) {
        return commands.execute(new CommandSpec(Actor.system(tenantId), action, "crm-request", cut(requestId, 128), null), String.class, ctx -> {
            String summary = step.run(ctx);
            ctx.summary(summary);
            return summary;
        });
    }

    static void watch(CommandContext ctx, DealRequest d) {
        ctx.schedule(JobRequest.of(DealWatchJob.TYPE, Map.of("instanceId", d.instanceId())).at(ctx.now())
                .dedupe(DealWatchJob.TYPE + ":" + d.instanceId()));
    }

    static String localId(long instanceId) {
        return "wf-instance-" + instanceId;
    }

    private static void put(Map<String, Object> form, String key, Object value) {
        if (value != null) {
            form.put(key, value);
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
