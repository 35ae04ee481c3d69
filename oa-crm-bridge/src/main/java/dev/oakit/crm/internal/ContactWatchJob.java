package dev.oakit.crm.internal;

import dev.oakit.core.IntegrationException;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.JobContext;
import dev.oakit.crm.CrmErrors;
import dev.oakit.integration.spi.RemoteCallingJob;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Follows the upsert of a contact created in OAKit until the CRM's id is recorded, whichever node asked for it and
 * whether or not that node lived to see the answer: asks for the upsert (again: one write per key, so asking again
 * returns the first), and once the write is confirmed records the CRM's id on the contact and in the ID map. While
 * the write is under way it answers "not yet" and the job looks again, from 200 ms doubling up to five minutes. Runs
 * outside a transaction (asking for a write is a command of its own).
 */
@Singleton
public final class ContactWatchJob extends RemoteCallingJob {
    /** The job type. */
    public static final String TYPE = "crm.contact";

    private final CrmCustomerService customers;

    @Inject
    public ContactWatchJob(CrmCustomerService customers) {
        super(TYPE);
        this.customers = customers;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(Duration.ofMillis(200), 2, Duration.ofMinutes(5), 0.25, RetryPolicy.MAX_ATTEMPTS, null);
    }

    @Override
    public void handle(JobContext job) {
        String localId = job.payload().path("localId").asText();
        if (!customers.settle(job.tenantId(), localId)) {
            throw new IntegrationException(CrmErrors.UNDER_WAY, "contact " + localId + ": its upsert into the CRM is under way; the bridge"
                    + " looks again", true, null);
        }
    }
}
