package dev.oakit.crm.internal;

import dev.oakit.core.IntegrationException;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CrmErrors;
import dev.oakit.crm.DealRequest;
import dev.oakit.crm.DealStatus;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.crm.spi.RecordChangedException;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCallingJob;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * Follows a deal decision's remote write until it is final: written (recorded in the round and the
 * timeline), refused because the record changed (the CRM is read again, outside any transaction, and the
 * round re-evaluated or flagged), or refused otherwise. While the write is under way it answers "not yet"
 * and the job looks again, from 200 ms doubling up to five minutes.
 */
@Singleton
public final class DealWatchJob extends RemoteCallingJob {
    /** The job type. */
    public static final String TYPE = "crm.deal";

    private final Commands commands;
    private final DealRepository repo;
    private final RemoteWrites writes;
    private final DealFlow flow;
    private final CrmConnectors connectors;
    private final Duration callTimeout;

    @Inject
    public DealWatchJob(Commands commands, DealRepository repo, RemoteWrites writes, DealFlow flow, CrmConnectors connectors,
                        IntegrationConfig integration) {
        super(TYPE);
        this.commands = commands;
        this.repo = repo;
        this.writes = writes;
        this.flow = flow;
        this.connectors = connectors;
        this.callTimeout = integration.callTimeout();
    }

    @Override
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(Duration.ofMillis(200), 2, Duration.ofMinutes(5), 0.25, RetryPolicy.MAX_ATTEMPTS, null);
    }

    @Override
    public void handle(JobContext job) {
        String tenant = job.tenantId();
        long instanceId = job.payload().path("instanceId").asLong();
        Optional<DealRepository.Row> row = commands.query(h -> repo.byInstance(h, tenant, instanceId));
        if (row.isEmpty() || row.get().deal().status() != DealStatus.DECIDING) {
            return;
        }
        DealRequest d = row.get().deal();
        CrmConnector crm = connectors.require(d.target());
        RemoteWrite w = writes.byKey(dev.oakit.core.Actor.system(tenant), d.target(), CrmConnector.DECISION,
                CrmConnector.decisionKey(d.requestId(), d.version())).orElseThrow();
        if (w.status() == WriteStatus.CONFIRMED) {
            flow.written(tenant, row.get(), crm.systemName(), w.payload() == null ? null
                    : dev.oakit.crm.spi.CrmRecords.read(new dev.oakit.integration.spi.RemoteRecord(CrmConnector.DECISION, w.key(), 0, null, w.payload()),
                    dev.oakit.crm.Decision.class).comment());
        } else if (w.status() == WriteStatus.FAILED) {
            if (changed(w)) {
                flow.refusedAsChanged(tenant, d, crm.systemName(), read(tenant, crm, d));
            } else {
                flow.writeFailed(tenant, d, crm.systemName(), w.remoteError() != null ? w.lastError() + ": " + w.remoteError() : w.lastError(), w.id());
            }
        } else {
            throw new IntegrationException(CrmErrors.UNDER_WAY, "deal approval " + instanceId + ": the decision '" + w.key()
                    + "' is being written; the bridge looks again", true, null);
        }
    }

    private static boolean changed(RemoteWrite w) {
        return w.lastError() != null && w.lastError().contains(RecordChangedException.CODE);
    }

    private Optional<ApprovalRequest> read(String tenant, CrmConnector crm, DealRequest d) {
        try {
            return crm.readApprovalRequest(new CallContext(tenant, d.target(), "read-" + CrmConnector.feedOf(d.kind()), callTimeout), d.kind(),
                    d.requestId());
        } catch (RemoteCallException e) {
            throw new IntegrationException(CrmErrors.UNDER_WAY, "deal approval " + d.instanceId() + ": record " + d.requestId()
                    + " could not be read again from " + crm.systemName() + " (" + e.getMessage() + "); the bridge tries again", true, e);
        }
    }
}
