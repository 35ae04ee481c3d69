package dev.oakit.erp.internal;

import dev.oakit.core.IntegrationException;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.erp.ErpBridgeConfig;
import dev.oakit.erp.ErpErrors;
import dev.oakit.erp.PurchaseOrderCancel;
import dev.oakit.erp.RequisitionOrder;
import dev.oakit.erp.RequisitionOrderStatus;
import dev.oakit.erp.spi.DocumentLink;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCallingJob;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Follows one round of a requisition (or an expense claim's journal entry) until its document or its
 * cancellation is final, and writes the outcome back to the instance: the document's number and link (in the round and as a comment in the
 * instance's timeline), a refusal, a cancellation. Runs outside a transaction: reading the order's
 * number may call the ERP. While a write is under way it answers "not yet" and the job looks again
 * ({@code erp.watchEvery}, doubling up to five minutes).
 */
@Singleton
public final class RequisitionWatchJob extends RemoteCallingJob {
    /** The job type. */
    public static final String TYPE = "erp.requisition";

    private final Commands commands;
    private final RequisitionRepository repo;
    private final RemoteWrites writes;
    private final Approvals approvals;
    private final BridgeTarget target;
    private final ErpBridgeConfig config;
    private final Duration callTimeout;

    @Inject
    public RequisitionWatchJob(Commands commands, RequisitionRepository repo, RemoteWrites writes, Approvals approvals, BridgeTarget target,
                               ErpBridgeConfig config, IntegrationConfig integration) {
        super(TYPE);
        this.commands = commands;
        this.repo = repo;
        this.writes = writes;
        this.approvals = approvals;
        this.target = target;
        this.config = config;
        this.callTimeout = integration.callTimeout();
    }

    @Override
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(config.watchEvery(), 2, Duration.ofMinutes(5), 0.25, RetryPolicy.MAX_ATTEMPTS, null);
    }

    @Override
    public void handle(JobContext job) {
        String tenant = job.tenantId();
        long instanceId = job.payload().path("instanceId").asLong();
        int round = job.payload().path("round").asInt();
        Optional<RequisitionRepository.Row> row = commands.query(h -> repo.get(h, tenant, instanceId, round));
        if (row.isEmpty()) {
            return;
        }
        RequisitionOrder o = row.get().order();
        switch (o.status()) {
            case ORDERING -> ordering(tenant, o, row.get().operation());
            case CANCELLING -> cancelling(tenant, o, row.get().remoteId());
            default -> {
                // final, or waiting for an administrator
            }
        }
    }

    private void ordering(String tenant, RequisitionOrder o, String operation) {
        RemoteWrite w = writes.byKey(Requisitions.system(tenant), o.target(), operation, o.key()).orElseThrow();
        boolean journal = operation.equals(ErpConnector.JOURNAL_ENTRY);
        String what = journal ? "journal entry" : "purchase order";
        if (w.status() == WriteStatus.CONFIRMED) {
            DocumentLink link = link(tenant, o, operation, w.remoteId());
            step(tenant, o, journal ? "erp.claim.posted" : "erp.requisition.ordered", (ctx) -> {
                if (!repo.ordered(ctx.handle(), tenant, o.instanceId(), o.round(), w.remoteId(), link.number(), link.url(), ctx.now())) {
                    return "instance " + o.instanceId() + " moved on before its " + what + " was confirmed";
                }
                comment(tenant, o, (journal ? "Journal entry " : "Purchase order ") + link.number() + (journal ? " posted in " : " created in ")
                        + system() + ": " + link.url());
                return "instance " + o.instanceId() + " has its " + what + " " + link.number() + " in " + system();
            });
        } else if (w.status() == WriteStatus.FAILED) {
            step(tenant, o, journal ? "erp.claim.post-failed" : "erp.requisition.order-failed", (ctx) -> {
                if (!repo.move(ctx.handle(), tenant, o.instanceId(), o.round(), List.of(RequisitionOrderStatus.ORDERING),
                        RequisitionOrderStatus.ORDER_FAILED, null, error(w), ctx.now())) {
                    return "instance " + o.instanceId() + " moved on";
                }
                comment(tenant, o, system() + " refused the " + what + ": " + error(w) + " (dead letter " + w.id()
                        + "; an administrator replays it after fixing the cause)");
                return "the " + what + " of instance " + o.instanceId() + " was refused by " + system();
            });
        } else {
            throw underWay(o, what);
        }
    }

    private void cancelling(String tenant, RequisitionOrder o, String remoteId) {
        RemoteWrite order = write(tenant, o, false).orElseThrow(); // only requisitions are cancelled
        if (order.status() == WriteStatus.FAILED) {
            finish(tenant, o, RequisitionOrderStatus.CANCELLED, null, "No purchase order was created in " + system()
                    + "; nothing to cancel (requisition " + o.reason() + ")");
            return;
        }
        if (order.status() != WriteStatus.CONFIRMED) {
            throw underWay(o, "order, before it is cancelled,");
        }
        Optional<RemoteWrite> cancel = write(tenant, o, true);
        if (cancel.isEmpty()) {
            writes.request(Requisitions.system(tenant), new NewRemoteWrite(o.target(), ErpConnector.PURCHASE_ORDER_CANCEL,
                    ErpConnector.cancelKey(o.key()), Requisitions.localId(o.instanceId()), new PurchaseOrderCancel(o.key(), o.reason())));
            throw underWay(o, "cancellation");
        }
        String number = o.number() != null ? o.number() : remoteId != null ? remoteId : order.remoteId();
        switch (cancel.get().status()) {
            case CONFIRMED -> finish(tenant, o, RequisitionOrderStatus.CANCELLED, null, "Purchase order " + number + " cancelled in "
                    + system() + " (requisition " + o.reason() + ")");
            case FAILED -> finish(tenant, o, RequisitionOrderStatus.CANCEL_FAILED, error(cancel.get()), system()
                    + " refused to cancel purchase order " + number + ": " + error(cancel.get()) + "; cancel it there by hand");
            default -> throw underWay(o, "cancellation");
        }
    }

    private void finish(String tenant, RequisitionOrder o, RequisitionOrderStatus to, String error, String comment) {
        step(tenant, o, "erp.requisition." + (to == RequisitionOrderStatus.CANCELLED ? "cancelled" : "cancel-failed"), ctx -> {
            if (!repo.move(ctx.handle(), tenant, o.instanceId(), o.round(), List.of(RequisitionOrderStatus.CANCELLING), to, null, error, ctx.now())) {
                return "requisition " + o.instanceId() + " moved on";
            }
            comment(tenant, o, comment);
            return comment;
        });
    }

    private interface Step {
        String run(dev.oakit.core.spi.CommandContext ctx);
    }

    private void step(String tenant, RequisitionOrder o, String action, Step step) {
        commands.execute(new CommandSpec(Requisitions.system(tenant), action, "process-instance", Long.toString(o.instanceId()), null),
                Void.class, ctx -> {
                    ctx.summary(step.run(ctx));
                    return null;
                });
    }

    private void comment(String tenant, RequisitionOrder o, String text) {
        approvals.comment(Requisitions.system(tenant), o.instanceId(), Decision.comment(text.length() > 2000 ? text.substring(0, 2000) : text));
    }

    private Optional<RemoteWrite> write(String tenant, RequisitionOrder o, boolean cancel) {
        return writes.byKey(Requisitions.system(tenant), o.target(), Requisitions.operationOf(cancel),
                cancel ? ErpConnector.cancelKey(o.key()) : o.key());
    }

    private DocumentLink link(String tenant, RequisitionOrder o, String operation, String remoteId) {
        try {
            return target.connector().documentLink(new CallContext(tenant, o.target(), operation + "-link", callTimeout), operation, remoteId);
        } catch (RemoteCallException e) {
            throw new IntegrationException(ErpErrors.UNDER_WAY, "instance " + o.instanceId() + ": the number of document " + remoteId
                    + " could not be read from " + system() + " (" + e.getMessage() + "); the bridge tries again", true, e);
        }
    }

    private String system() {
        return target.connector().systemName();
    }

    private static String error(RemoteWrite w) {
        return w.remoteError() != null ? w.lastError() + ": " + w.remoteError() : w.lastError();
    }

    private static IntegrationException underWay(RequisitionOrder o, String what) {
        return new IntegrationException(ErpErrors.UNDER_WAY, "requisition " + o.instanceId() + ": the " + what + " '" + o.key()
                + "' is under way; the bridge looks again", true, null);
    }
}
