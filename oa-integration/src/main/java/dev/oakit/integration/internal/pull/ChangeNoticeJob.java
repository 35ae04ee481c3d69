package dev.oakit.integration.internal.pull;

import dev.oakit.core.Actor;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.JobContext;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.RemoteReads;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.internal.Connectors;
import dev.oakit.integration.internal.inbox.InboxService;
import dev.oakit.integration.pull.ChangeNotices;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCallingJob;
import dev.oakit.integration.spi.RemoteRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads the record a notice named and accepts it in the inbox with its key, as a pull does; while the record is
 * missing or older than the notice said (its sender had not committed yet), the attempt fails and is retried with
 * backoff; after {@link ChangeNotices#NOTICE_ATTEMPTS} the job ends quietly and the next pull brings the change.
 */
@Singleton
public final class ChangeNoticeJob extends RemoteCallingJob {
    /** The job type. */
    public static final String TYPE = "integration.notice";

    private final Connectors connectors;
    private final RemoteReads reads;
    private final InboxService inbox;
    private final IntegrationConfig config;

    @Inject
    public ChangeNoticeJob(Connectors connectors, RemoteReads reads, InboxService inbox, IntegrationConfig config) {
        super(TYPE);
        this.connectors = connectors;
        this.reads = reads;
        this.inbox = inbox;
        this.config = config;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(config.retryInitial(), 2, config.retryMax(), 0.25, ChangeNotices.NOTICE_ATTEMPTS, null);
    }

    @Override
    public void handle(JobContext job) {
        String target = job.payload().path("target").asText();
        String entityType = job.payload().path("entityType").asText();
        String externalId = job.payload().path("externalId").asText();
        Long atLeast = job.payload().path("atLeast").canConvertToLong() ? job.payload().path("atLeast").asLong() : null;
        Actor system = Actor.system(job.tenantId());
        ChangeFeed feed = connectors.requireFeed(target, entityType);
        Optional<RemoteRecord> read;
        try {
            read = reads.read(system, target, "read " + entityType + " " + externalId, config.callTimeout(), call -> feed.read(call, externalId));
        } catch (RemoteCallException e) {
            throw new IntegrationException(IntegrationErrors.PULL_FAILED, "the notice of " + target + "/" + entityType + "/" + externalId
                    + " could not be read (" + e.getMessage() + "); tried again, and the next pull brings the change",
                    e.kind() != RemoteCallException.Kind.PERMANENT, e);
        }
        boolean there = read.isPresent() && (atLeast == null || read.get().version() >= atLeast);
        if (!there) {
            if (atLeast == null || job.attempt() >= ChangeNotices.NOTICE_ATTEMPTS) {
                return; // deleted, outside the feed, or never committed: nothing to accept; the pull has the last word
            }
            throw new IntegrationException(IntegrationErrors.PULL_FAILED, target + "/" + entityType + "/" + externalId + " is "
                    + read.map(r -> "at version " + r.version()).orElse("not there") + ", the notice said " + atLeast
                    + " (not committed yet?); read again", true, null);
        }
        RemoteRecord r = read.get();
        inbox.accept(system, InboundEvent.ofVersion(target, r.entityType(), r.externalId(), r.version(), r.payload()), r.key());
    }
}
