package dev.oakit.erp.masterdata.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.core.form.FieldOption;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.erp.ErpErrors;
import dev.oakit.erp.masterdata.MasterData;
import dev.oakit.erp.masterdata.MasterKind;
import dev.oakit.erp.masterdata.MasterRecord;
import dev.oakit.erp.masterdata.SyncReport;
import dev.oakit.erp.masterdata.spi.MasterFeed;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.inbox.InboundEvent;
import dev.oakit.integration.inbox.Inbox;
import dev.oakit.integration.inbox.InboxReceipt;
import dev.oakit.integration.inbox.VerifiedWebhook;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.ReadAhead;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * The {@link MasterData}: reads each page with no transaction open (the next one while the current one is
 * stored), then stores it with the watermark in one command. Records are keyed by (tenant, target, kind, ERP id); a record older than the stored one is
 * skipped, so the overlap and a page read twice change nothing.
 */
@Singleton
public final class MasterDataService implements MasterData {
    /** How far behind the watermark a sync starts again: a change stamped earlier may commit later at the ERP. */
    static final Duration OVERLAP = Duration.ofMinutes(1);
    /** Records per call and per stored page. */
    static final int PAGE = 500;

    private final Commands commands;
    private final MasterDataRepository repo;
    private final MasterFeeds feeds;
    private final IntegrationConfig config;
    private final Directory directory;
    private final IdMap idMap;
    private final Inbox inbox;

    @Inject
    public MasterDataService(Commands commands, MasterDataRepository repo, MasterFeeds feeds, IntegrationConfig config, Directory directory,
                             IdMap idMap, Inbox inbox) {
        this.commands = commands;
        this.repo = repo;
        this.feeds = feeds;
        this.config = config;
        this.directory = directory;
        this.idMap = idMap;
        this.inbox = inbox;
    }

    @Override
    public SyncReport sync(Actor admin, String target, MasterKind kind) {
        admin.requireAdmin("sync master data");
        MasterFeed feed = feeds.require(target, kind);
        String t = admin.tenantId();
        Optional<MasterDataRepository.SyncRow> state = commands.query(h -> repo.sync(h, t, target, kind));
        Long watermark = state.map(MasterDataRepository.SyncRow::watermark).orElse(null);
        // a kind's first sync inserts its pages without reading what is stored, which is nothing unless a webhook or
        // another sync came first; a duplicate key then stores that page again the ordinary way, and the rest too
        boolean assumeNew = state.isEmpty();
        Watermark cursor = Watermark.at(watermark == null ? 0 : Math.max(0, watermark - feed.versionsIn(OVERLAP)));
        CallContext call = new CallContext(t, target, "masterdata:" + feed.entityType(), config.callTimeout());
        long pulled = 0;
        long applied = 0;
        List<String> unmatched = new ArrayList<>();
        // read-ahead: the next page is read (and what its records mean parsed) on this sync's own reader thread while
        // the current one is stored, so the remote and the database work at the same time; the reader holds no
        // connection and runs in no transaction, and a page is stored only after every page before it
        try (ReadAhead reader = ReadAhead.named("oakit-masterdata-read-" + target + "-" + kind)) {
            Watermark first = cursor;
            Future<Page> next = reader.read(() -> Page.read(feed, call, first));
            while (true) {
                Page page = await(next, call, feed);
                pulled += page.raw().size();
                boolean last = page.raw().size() < PAGE;
                if (!last) {
                    cursor = cursor.next(page.raw());
                    Watermark from = cursor;
                    next = reader.read(() -> Page.read(feed, call, from));
                }
                if (!page.records().isEmpty()) {
                    long highest = page.records().stream().mapToLong(MasterRecord::version).max().orElseThrow();
                    List<MasterRecord> changed = null;
                    if (assumeNew) {
                        try {
                            changed = store(admin, target, kind, page.records(), highest, page.raw().size(), true, true);
                        } catch (ConflictException e) {
                            if (!CoreErrors.DUPLICATE.equals(e.code())) {
                                throw e;
                            }
                            assumeNew = false; // stored before (a webhook, another sync): read the stored versions from now on
                        }
                    }
                    if (changed == null) {
                        changed = store(admin, target, kind, page.records(), highest, page.raw().size(), true, false);
                    }
                    applied += changed.size();
                    watermark = watermark == null ? highest : Math.max(watermark, highest);
                    if (kind == MasterKind.EMPLOYEE) {
                        unmatched.addAll(linkEmployees(admin, target, changed));
                    }
                }
                if (last) {
                    return new SyncReport(target, kind, pulled, applied, watermark, unmatched);
                }
            }
        }
    }

    /** A page as read and what its records mean. */
    private record Page(List<RemoteRecord> raw, List<MasterRecord> records) {
        static Page read(MasterFeed feed, CallContext call, Watermark from) {
            List<RemoteRecord> raw = MasterDataService.read(feed, call, from);
            return new Page(raw, raw.stream().map(r -> record(feed, r)).toList());
        }
    }

    private static Page await(Future<Page> page, CallContext call, MasterFeed feed) {
        return ReadAhead.await(page, e -> new IntegrationException(IntegrationErrors.PULL_FAILED, "reading " + call.target() + "/"
                + feed.entityType() + " was interrupted; the pages before stay stored, sync again to resume", true, e));
    }

    private static List<RemoteRecord> read(MasterFeed feed, CallContext call, Watermark from) {
        try {
            return feed.since(call, from, PAGE);
        } catch (RemoteCallException e) {
            throw new IntegrationException(IntegrationErrors.PULL_FAILED, "reading " + call.target() + "/" + feed.entityType() + " from version "
                    + from.version() + " failed: " + e.getMessage() + "; the pages before stay stored, sync again to resume",
                    e.kind() != RemoteCallException.Kind.PERMANENT, e);
        }
    }

    private static MasterRecord record(MasterFeed feed, RemoteRecord r) {
        MasterFeed.MasterValues v = feed.values(r);
        String name = v.name() == null || v.name().isBlank() ? r.externalId() : v.name();
        return new MasterRecord(feed.target(), feed.kind(), r.externalId(), name.length() > 500 ? name.substring(0, 500) : name,
                v.email() == null || v.email().isBlank() ? null : v.email(), v.active(), r.version());
    }

    /** Stores a page; two syncs inserting the same new record race on the key, and the loser runs again and sees it. */
    private List<MasterRecord> store(Actor admin, String target, MasterKind kind, List<MasterRecord> records, long highest, int pulled,
                                     boolean raiseWatermark, boolean assumeNew) {
        CommandSpec spec = new CommandSpec(admin, "erp.masterdata.page", "erp-master-sync", target + "/" + kind, null);
        for (int run = 1; ; run++) {
            try {
                @SuppressWarnings("unchecked")
                List<MasterRecord> changed = commands.execute(spec, List.class, ctx -> {
                    List<MasterRecord> c = repo.store(ctx.handle(), ctx.tenantId(), target, kind, records, ctx.now(), assumeNew);
                    if (raiseWatermark) {
                        repo.recordPage(ctx.handle(), ctx.tenantId(), target, kind, highest, pulled, c.size(), ctx.now());
                    }
                    ctx.summary((raiseWatermark ? "synced " : "received by webhook ") + pulled + " " + kind + " of " + target + ": " + c.size() + " new or changed, watermark at least " + highest);
                    return c;
                });
                return changed;
            } catch (ConflictException e) {
                if (assumeNew || !CoreErrors.DUPLICATE.equals(e.code()) || run >= 3) {
                    throw e;
                }
            }
        }
    }

    /** Links each changed active employee to the one active user of its e-mail; never creates users. @return the unmatched */
    private List<String> linkEmployees(Actor admin, String target, List<MasterRecord> changed) {
        List<String> unmatched = new ArrayList<>();
        for (MasterRecord e : changed) {
            if (!e.active()) {
                continue;
            }
            ExternalRef ref = ExternalRef.of(target, EMPLOYEE_LINK, e.externalId());
            if (idMap.localId(admin, ref).isPresent()) {
                continue;
            }
            if (e.email() == null) {
                unmatched.add(e.externalId() + " (" + e.name() + "): no e-mail in the ERP");
                continue;
            }
            List<User> users = directory.activeUsersByEmail(admin, e.email());
            if (users.size() != 1) {
                unmatched.add(e.externalId() + " (" + e.email() + "): " + (users.isEmpty() ? "no active user has this e-mail"
                        : users.size() + " active users have this e-mail"));
                continue;
            }
            try {
                idMap.link(admin, ref, users.get(0).id());
            } catch (ConflictException taken) {
                unmatched.add(e.externalId() + " (" + e.email() + "): " + taken.getMessage());
            }
        }
        return unmatched;
    }

    @Override
    public boolean receive(Actor admin, String target, MasterKind kind, VerifiedWebhook webhook) {
        admin.requireAdmin("receive master data");
        MasterFeed feed = feeds.require(target, kind);
        RemoteRecord r = feed.fromWebhook(webhook.text());
        if (r == null) {
            throw ValidationException.of("webhook", "the body is no " + feed.entityType() + " record of " + target
                    + " (the feed reads no webhooks, or the body lacks the record's id and version); subscribe the webhook to " + feed.entityType());
        }
        InboxReceipt receipt = inbox.accept(admin, new InboundEvent(target, r.entityType(), r.externalId(), r.version(),
                webhook.delivery().orElse(null), null));
        if (!receipt.accepted()) {
            return false;
        }
        MasterRecord record = record(feed, r);
        List<MasterRecord> changed = store(admin, target, kind, List.of(record), r.version(), 1, false, false);
        if (kind == MasterKind.EMPLOYEE) {
            linkEmployees(admin, target, changed);
        }
        return !changed.isEmpty();
    }

    @Override
    public void schedule(Actor admin, String target, MasterKind kind, Duration every) {
        admin.requireAdmin("schedule master-data syncs");
        feeds.require(target, kind);
        if (every == null || every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw ValidationException.of("every", "a master-data sync runs at most every second, was " + every + "; give a longer interval");
        }
        commands.execute(new CommandSpec(admin, "erp.masterdata.schedule", "erp-master-sync", target + "/" + kind, null), Boolean.class, ctx -> {
            MasterSyncJob.runAt(ctx, target, kind, every, ctx.now());
            ctx.summary("sync " + kind + " of " + target + " now and every " + every);
            return true;
        });
    }

    @Override
    public Optional<MasterRecord> record(Actor actor, String target, MasterKind kind, String externalId) {
        return commands.query(h -> repo.find(h, actor.tenantId(), target, kind, externalId));
    }

    @Override
    public List<FieldOption> options(Actor actor, String target, MasterKind kind) {
        return commands.query(h -> repo.active(h, actor.tenantId(), target, kind)).stream()
                .map(r -> new FieldOption(r.externalId(), r.name())).toList();
    }

    @Override
    public MasterRecord require(Actor actor, String target, MasterKind kind, String field, String value) {
        Optional<MasterRecord> r = value == null || value.isBlank() ? Optional.empty() : record(actor, target, kind, value);
        if (r.isEmpty()) {
            throw new ValidationException(ErpErrors.UNKNOWN_MASTER_DATA, "form value", List.of(new ValidationException.Problem(field,
                    "'" + value + "' is no " + kind + " of " + target + "; choose one of its options (sync the master data if it was added in the ERP)")));
        }
        if (!r.get().active()) {
            throw new ValidationException(ErpErrors.INACTIVE_MASTER_DATA, "form value", List.of(new ValidationException.Problem(field,
                    "'" + value + "' (" + r.get().name() + ") is a disabled " + kind + " in " + target + "; choose an active one")));
        }
        return r.get();
    }
}
