package dev.oakit.crm.internal;

import dev.oakit.core.IntegrationException;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.JobContext;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CrmErrors;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCallingJob;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * Applies a request the inbox accepted (from a pull or a webhook): reads the record from the CRM as it
 * stands now (outside any transaction; a late or reordered delivery then applies the latest state), and
 * hands it to {@link DealFlow#apply}.
 */
@Singleton
public final class DealIntakeJob extends RemoteCallingJob {
    /** The job type. */
    public static final String TYPE = "crm.deal-intake";

    private final DealFlow flow;
    private final CrmConnectors connectors;
    private final Duration callTimeout;

    @Inject
    public DealIntakeJob(DealFlow flow, CrmConnectors connectors, IntegrationConfig integration) {
        super(TYPE);
        this.flow = flow;
        this.connectors = connectors;
        this.callTimeout = integration.callTimeout();
    }

    @Override
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(Duration.ofMillis(200), 2, Duration.ofMinutes(5), 0.25, 50, null);
    }

    @Override
    public void handle(JobContext job) {
        String target = job.payload().path("target").asText();
        ApprovalRequest.Kind kind = ApprovalRequest.Kind.valueOf(job.payload().path("kind").asText());
        String requestId = job.payload().path("requestId").asText();
        CrmConnector crm = connectors.require(target);
        Optional<ApprovalRequest> current;
        try {
            current = crm.readApprovalRequest(new CallContext(job.tenantId(), target, "read-" + CrmConnector.feedOf(kind), callTimeout), kind,
                    requestId);
        } catch (RemoteCallException e) {
            throw new IntegrationException(CrmErrors.UNDER_WAY, "request " + requestId + " could not be read from " + crm.systemName() + " ("
                    + e.getMessage() + "); the bridge tries again", e.kind() != RemoteCallException.Kind.PERMANENT, e);
        }
        flow.apply(job.tenantId(), target, kind, requestId, current);
    }
}
