package dev.oakit.integration.internal.pull;

import dev.oakit.core.Actor;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.InboxReceipt;
import dev.oakit.integration.internal.Columns;
import dev.oakit.integration.internal.Connectors;
import dev.oakit.integration.internal.inbox.InboxService;
import dev.oakit.integration.internal.target.CallGuard;
import dev.oakit.integration.internal.target.RequestBudget;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.PageConsumer;
import dev.oakit.integration.spi.ReadAhead;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCallingJob;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * Runs one pull of a remote entity type, page by page. For each page: claim (a short transaction: the
 * request budget, a new fence, the lease), check the lease outlasts a call, read the page with no
 * transaction and no connection held (the next page on a reader thread while the current one is stored), then
 * either hand the page to the feed's {@link PageConsumer} with the inbox's versions, the watermark and one audit
 * entry in one command ({@link PageApply}), or, for a feed no consumer takes, accept each record through the inbox
 * (one command each: duplicates, stale versions and echoes are recognised there) and record the page: the
 * watermark raised to the highest version accepted, only while the fence is ours. A failed read records the
 * error and leaves the watermark where the last recorded page put it; the job tries again. Runs
 * outside the job's transaction.
 */
@Singleton
public final class PullJob extends RemoteCallingJob {
    /** The job type. */
    public static final String TYPE = "int.pull";

    private final Commands commands;
    private final PullRepository repo;
    private final Connectors connectors;
    private final InboxService inbox;
    private final PageApply pages;
    private final IntegrationConfig config;
    private final Clock clock;
    private final CallGuard guard;
    private final RequestBudget budget;
    private final String owner = "pull-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    public PullJob(Commands commands, PullRepository repo, Connectors connectors, InboxService inbox, IntegrationConfig config, Clock clock,
                   CallGuard guard, RequestBudget budget, PageApply pages) {
        super(TYPE);
        this.commands = commands;
        this.repo = repo;
        this.connectors = connectors;
        this.inbox = inbox;
        this.config = config;
        this.clock = clock;
        this.guard = guard;
        this.budget = budget;
        this.pages = pages;
    }

    /** A failed read is tried again with backoff, for as long as it takes: the watermark waits. */
    @Override
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(config.retryInitial(), 2, config.retryMax(), 0.25, RetryPolicy.MAX_ATTEMPTS, null);
    }

    @Override
    public void handle(JobContext job) {
        String tenant = job.tenantId();
        String target = job.payload().path("target").asText();
        String entityType = job.payload().path("entityType").asText();
        ChangeFeed feed = connectors.requireFeed(target, entityType);
        PageConsumer consumer = pages.consumer(target, entityType).orElse(null);
        PullRepository.Row row = commands.query(h -> repo.row(h, tenant, target, entityType)).orElse(null);
        if (row == null) {
            return;
        }
        PullSpec spec = row.state().spec();
        Long w = row.state().watermark();
        // nothing recorded yet: a page consumer inserts without reading what is stored (a duplicate key sends it the ordinary way)
        boolean firstSync = w == null;
        Watermark cursor = Watermark.at(w == null ? 0 : Math.max(0, w - feed.versionsIn(spec.overlap())));
        Long fence = claim(tenant, row);
        if (fence == null) {
            return;
        }
        // read-ahead: the next page is read on this run's own reader thread while the current one is stored, so the remote
        // and the database work at the same time; the reader holds no connection and runs in no transaction, and a page is
        // stored only after every page before it
        try (ReadAhead reader = ReadAhead.named("oakit-pull-read-" + target + "-" + entityType)) {
            Future<Read> next = readAhead(reader, tenant, feed, target, entityType, cursor, spec.pageSize(), fence);
            while (true) {
                Read read = ReadAhead.await(next, e -> new IntegrationException(IntegrationErrors.PULL_FAILED, "reading " + target + "/"
                        + entityType + " was interrupted; the pages before stay recorded, the job tries again", true, e));
                if (read.failure() != null) {
                    failed(tenant, target, feed, read.from(), fence, read.failure());
                }
                List<RemoteRecord> page = read.page();
                boolean last = page.size() < spec.pageSize();
                Long nextFence = null;
                if (!last) {
                    cursor = cursor.next(page);
                    nextFence = claim(tenant, new PullRepository.Row(row.state(), fence)); // the claim fails if the fence moved on
                    if (nextFence != null) {
                        next = readAhead(reader, tenant, feed, target, entityType, cursor, spec.pageSize(), nextFence);
                    }
                }
                long holding = nextFence == null ? fence : nextFence;
                boolean recorded;
                if (consumer != null) {
                    PageApply.Result applied;
                    try {
                        applied = pages.apply(tenant, spec, consumer, page, holding, last, firstSync);
                    } catch (PageApply.Rejected e) {
                        recordError(tenant, target, entityType, holding, e.getMessage());
                        throw new IntegrationException(IntegrationErrors.PULL_FAILED, e.getMessage(), true, e.getCause());
                    }
                    recorded = applied.recorded();
                    firstSync = applied.stillFirst(); // the whole first run, until a page meets a record stored before
                } else {
                    recorded = acceptEach(tenant, target, entityType, page, holding, last, spec);
                }
                if (!recorded || last || nextFence == null) {
                    return; // lease lost, done, or the next page waits for the request budget or another worker
                }
                fence = nextFence;
            }
        }
    }

    /** The fallback for a feed no page consumer takes: each record accepted by the inbox on its own, then the page recorded. */
    private boolean acceptEach(String tenant, String target, String entityType, List<RemoteRecord> page, long fence, boolean last, PullSpec spec) {
        int applied = 0;
        int echoes = 0;
        Long highest = null;
        for (RemoteRecord r : page) {
            InboxReceipt receipt = inbox.accept(Actor.system(tenant), InboundEvent.ofVersion(target, r.entityType(), r.externalId(),
                    r.version(), r.payload()), r.key());
            applied += receipt.accepted() ? 1 : 0;
            echoes += receipt.outcome() == InboxReceipt.Outcome.ECHO ? 1 : 0;
            highest = highest == null ? r.version() : Math.max(highest, r.version());
        }
        return recordPage(tenant, target, entityType, fence, highest, page.size(), applied, echoes, last, spec);
    }

    /** A page as read, or the failure of its read (recorded by the job's thread, which may use the database). */
    private record Read(Watermark from, List<RemoteRecord> page, RemoteCallException failure) {
    }

    /** Checks the lease outlasts a call, then reads the page on the reader thread. */
    private Future<Read> readAhead(ReadAhead reader, String tenant, ChangeFeed feed, String target, String entityType, Watermark from,
                                   int limit, long fence) {
        Instant callEnds = clock.instant().plus(config.callTimeout());
        if (!commands.query(h -> repo.holds(h, tenant, target, entityType, fence, owner, callEnds))) {
            throw new IntegrationException(IntegrationErrors.WRITE_LEASED, "pull of " + target + "/" + entityType + ": the lease (fence "
                    + fence + ") would not outlast a call of " + config.callTimeout() + "; nothing was read, the job tries again", true, null);
        }
        return reader.read(() -> {
            try {
                return new Read(from, read(tenant, feed, target, from, limit), null);
            } catch (RemoteCallException e) {
                return new Read(from, List.of(), e);
            }
        });
    }

    /** @return the fence this worker holds, or null when the request budget is used up (the pull runs in the next window) */
    private Long claim(String tenant, PullRepository.Row row) {
        String target = row.state().spec().target();
        String entityType = row.state().spec().entityType();
        Boolean ok = commands.execute(new CommandSpec(Actor.system(tenant), "integration.pull.claim", PullService.TARGET,
                target + "/" + entityType, null), Boolean.class, ctx -> {
            Instant nextWindow = budget.take(ctx, target);
            if (nextWindow != null) {
                PullService.runAt(ctx, target, entityType, nextWindow);
                ctx.summary("pull of " + target + "/" + entityType + " waits for the request budget (next window " + nextWindow + ")");
                return null;
            }
            boolean held = repo.claim(ctx.handle(), tenant, target, entityType, row.fence(), owner, ctx.now().plus(config.lease()), ctx.now());
            ctx.summary(held ? "claimed the pull of " + target + "/" + entityType + " (fence " + (row.fence() + 1) + ")"
                    : "the pull of " + target + "/" + entityType + " is held by another worker");
            return held;
        });
        if (ok == null) {
            return null;
        }
        if (!ok) {
            throw new IntegrationException(IntegrationErrors.WRITE_LEASED, "the pull of " + target + "/" + entityType
                    + " is held by another worker; this job tries again later", true, null);
        }
        return row.fence() + 1;
    }

    private List<RemoteRecord> read(String tenant, ChangeFeed feed, String target, Watermark from, int limit) throws RemoteCallException {
        CallContext call = new CallContext(tenant, target, "pull:" + feed.entityType(), config.callTimeout());
        return guard.call(call, feed.entityType(), c -> {
            List<RemoteRecord> page = feed.since(c, from, limit);
            for (RemoteRecord r : page) {
                if (!r.entityType().equals(feed.entityType()) || r.version() < from.version()) {
                    throw new IllegalStateException("the change feed of " + target + "/" + feed.entityType() + " returned " + r.entityType()
                            + "/" + r.externalId() + " version " + r.version() + " for a page from version " + from.version()
                            + "; a feed returns its own entity type from the version asked");
                }
            }
            return page;
        });
    }

    private void failed(String tenant, String target, ChangeFeed feed, Watermark from, long fence, RemoteCallException failure) {
        String message = "reading " + target + "/" + feed.entityType() + " from version " + from.version() + " (skip " + from.skip() + ") failed: "
                + failure.getMessage() + (failure.remoteError() == null ? "" : ": " + Columns.cut(failure.remoteError(), 1000));
        recordError(tenant, target, feed.entityType(), fence, message);
        throw new IntegrationException(IntegrationErrors.PULL_FAILED, message + "; the watermark stays, the job tries again",
                failure.kind() != RemoteCallException.Kind.PERMANENT, failure);
    }

    /** Records the run's error as the pull's last error (shown by {@code ChangePulls.state}), the watermark where it was. */
    private void recordError(String tenant, String target, String entityType, long fence, String message) {
        commands.execute(new CommandSpec(Actor.system(tenant), "integration.pull.failed", PullService.TARGET, target + "/" + entityType,
                null), Boolean.class, ctx -> {
            boolean ok = repo.recordFailure(ctx.handle(), tenant, target, entityType, fence, message, ctx.now());
            ctx.summary(Columns.cut(message + "; the watermark stays", 1000));
            return ok;
        });
    }

    private boolean recordPage(String tenant, String target, String entityType, long fence, Long highest, int pulled, int applied, int echoes,
                               boolean last, PullSpec spec) {
        return commands.execute(new CommandSpec(Actor.system(tenant), "integration.pull.page", PullService.TARGET, target + "/" + entityType,
                null), Boolean.class, ctx -> {
            boolean ok = repo.recordPage(ctx.handle(), tenant, target, entityType, fence, highest, pulled, applied, echoes, last, ctx.now());
            if (ok && last && spec.every() != null) {
                PullService.runAt(ctx, target, entityType, ctx.now().plus(spec.every()));
            }
            ctx.summary(ok ? "pulled " + pulled + " of " + target + "/" + entityType + ": " + applied + " applied, " + echoes + " echoes"
                    + (highest == null ? "" : ", watermark at least " + highest) + (last ? ", done" : "")
                    : "pull of " + target + "/" + entityType + ": lease lost, page not recorded");
            return ok;
        });
    }
}
