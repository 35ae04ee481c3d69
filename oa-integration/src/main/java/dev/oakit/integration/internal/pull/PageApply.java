package dev.oakit.integration.internal.pull;

import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ValidationException;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.Actor;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdLink;
import dev.oakit.integration.internal.Columns;
import dev.oakit.integration.internal.idmap.IdMapRepository;
import dev.oakit.integration.internal.inbox.EchoRule;
import dev.oakit.integration.internal.inbox.InboxRepository;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.integration.spi.PageConsumer;
import dev.oakit.integration.spi.PulledPage;
import dev.oakit.integration.spi.RemoteRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pulled page applied in one command, for a feed a {@link PageConsumer} takes: the inbox's versions of the page's
 * records (one read, one multi-row insert of the first sightings, one batch raising the known ones; the echo rule in
 * one read), the consumer's writes, the ID-map links it asked for (one read, one insert of the links, one of their
 * history), the watermark (only while the fence is ours) and one audit entry. A record already stored at its version
 * or a newer one (a webhook came first, the overlap, a page read again) is skipped. On the pull's first run nothing
 * is read first; a duplicate key then rolls the page back and it is applied again the ordinary way.
 */
@Singleton
public final class PageApply {
    private static final int RERUNS = 3;

    private final Commands commands;
    private final InboxRepository inbox;
    private final EchoRule echoes;
    private final IdMapRepository idMap;
    private final PullRepository pulls;
    private final Set<PageConsumer> consumers;

    @Inject
    public PageApply(Commands commands, InboxRepository inbox, EchoRule echoes, IdMapRepository idMap, PullRepository pulls, Set<PageConsumer> consumers) {
        this.commands = commands;
        this.inbox = inbox;
        this.echoes = echoes;
        this.idMap = idMap;
        this.pulls = pulls;
        this.consumers = consumers;
    }

    /** @return the consumer of a feed's pages, if one takes them */
    Optional<PageConsumer> consumer(String target, String entityType) {
        return consumers.stream().filter(c -> c.consumes(target, entityType)).findFirst();
    }

    /**
     * What a page came to.
     *
     * @param stillFirst whether the next page may be inserted without reads too (false once a page met a stored record)
     */
    record Result(boolean recorded, int applied, int echoes, boolean stillFirst) {
    }

    /**
     * The consumer refused a record of the page (it threw a {@link ValidationException} while handling it): the page's
     * transaction is rolled back, and the message names the record, its fields' problems and the fix.
     */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(String message, ValidationException cause) {
            super(message, cause, false, false);
        }
    }

    /** The fence moved on: another worker holds the pull; the page's transaction is rolled back. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }

    /**
     * Applies and records a page.
     *
     * @param firstSync the pull never recorded a page: nothing is read before the inserts
     * @return whether it was recorded (false: the lease was lost, nothing of the page is stored)
     */
    Result apply(String tenant, PullSpec spec, PageConsumer consumer, List<RemoteRecord> page, long fence, boolean last, boolean firstSync) {
        String target = spec.target();
        String entityType = spec.entityType();
        CommandSpec command = new CommandSpec(Actor.system(tenant), "integration.pull.page", PullService.TARGET, target + "/" + entityType, null);
        boolean assumeNew = firstSync;
        for (int run = 1; ; run++) {
            boolean fresh = assumeNew;
            try {
                return commands.execute(command, Result.class, ctx -> page(ctx, spec, consumer, page, fence, last, fresh));
            } catch (LeaseLost e) {
                return new Result(false, 0, 0, false);
            } catch (ConflictException e) {
                if (!CoreErrors.DUPLICATE.equals(e.code()) || (!assumeNew && run >= RERUNS)) {
                    throw e;
                }
                assumeNew = false; // stored before (a webhook, a contact OAKit created): read what is stored from now on
            }
        }
    }

    private Result page(CommandContext ctx, PullSpec spec, PageConsumer consumer, List<RemoteRecord> page, long fence, boolean last, boolean firstSync) {
        String t = ctx.tenantId();
        String target = spec.target();
        String entityType = spec.entityType();
        Handle h = ctx.handle();
        Map<String, RemoteRecord> newest = new LinkedHashMap<>();
        Long highest = null;
        for (RemoteRecord r : page) {
            newest.merge(r.externalId(), r, (a, b) -> a.version() >= b.version() ? a : b);
            highest = highest == null ? r.version() : Math.max(highest, r.version());
        }
        List<RemoteRecord> accepted = new ArrayList<>();
        Set<String> echoed = Set.of();
        if (!newest.isEmpty()) {
            Map<String, Long> stored = firstSync ? Map.of() : inbox.versions(h, t, target, entityType, newest.keySet());
            List<RemoteRecord> firsts = new ArrayList<>();
            List<RemoteRecord> newer = new ArrayList<>();
            Map<String, String> keys = new HashMap<>();
            for (RemoteRecord r : newest.values()) {
                Long s = stored.get(r.externalId());
                if (s == null) {
                    firsts.add(r);
                    keys.put(r.externalId(), r.key());
                } else if (s < r.version()) {
                    newer.add(r);
                }
            }
            echoed = echoes.echoesAmong(h, t, target, entityType, keys);
            inbox.insertVersions(h, t, target, entityType, firsts, ctx.now());
            boolean[] raised = inbox.raiseVersions(h, t, target, entityType, newer, ctx.now());
            Set<String> apply = new java.util.HashSet<>();
            for (RemoteRecord r : firsts) {
                if (!echoed.contains(r.externalId())) {
                    apply.add(r.externalId());
                }
            }
            for (int i = 0; i < newer.size(); i++) {
                if (raised[i]) {
                    apply.add(newer.get(i).externalId());
                }
            }
            for (RemoteRecord r : newest.values()) {
                if (apply.contains(r.externalId())) {
                    accepted.add(r);
                }
            }
        }
        Page p = new Page(t, target, entityType, List.copyOf(accepted), firstSync, h, ctx.now());
        if (!accepted.isEmpty()) {
            try {
                consumer.apply(p);
            } catch (ValidationException e) {
                throw new Rejected(p.rejection(e), e);
            }
            link(h, t, ctx.actor().userId(), p.links, firstSync, ctx.now());
        }
        if (!pulls.recordPage(h, t, target, entityType, fence, highest, page.size(), accepted.size(), echoed.size(), last, ctx.now())) {
            throw new LeaseLost();
        }
        if (last && spec.every() != null) {
            PullService.runAt(ctx, target, entityType, ctx.now().plus(spec.every()));
        }
        ctx.summary(Columns.cut("pulled " + page.size() + " of " + target + "/" + entityType + ": " + accepted.size() + " applied"
                + (accepted.isEmpty() ? "" : " (" + accepted.get(0).externalId() + (accepted.size() == 1 ? "" : " … " + accepted.get(accepted.size() - 1).externalId()) + ")")
                + ", " + echoed.size() + " echoes, " + (newest.size() - accepted.size() - echoed.size()) + " already stored"
                + (p.notes.isEmpty() ? "" : "; " + String.join(", ", p.notes))
                + (highest == null ? "" : "; watermark at least " + highest) + (last ? ", done" : ""), 1000));
        return new Result(true, accepted.size(), echoed.size(), firstSync);
    }

    /** The links asked for that are not there yet: one read (none on a first sync), one insert of links, one of history. */
    private void link(Handle h, String tenant, String actorId, List<IdLink> asked, boolean firstSync, Instant now) {
        if (asked.isEmpty()) {
            return;
        }
        Map<String, Map<String, List<IdLink>>> byType = new LinkedHashMap<>();
        for (IdLink l : asked) {
            byType.computeIfAbsent(l.ref().system(), k -> new LinkedHashMap<>()).computeIfAbsent(l.ref().entityType(), k -> new ArrayList<>()).add(l);
        }
        List<IdLink> missing = new ArrayList<>();
        byType.forEach((system, types) -> types.forEach((type, links) -> {
            Map<String, String> linked = firstSync ? Map.of() : idMap.linkedOf(h, tenant, system, type, links.stream().map(l -> l.ref().externalId()).toList());
            for (IdLink l : links) {
                if (!linked.containsKey(l.ref().externalId())) {
                    missing.add(l);
                }
            }
        }));
        idMap.insertAll(h, tenant, missing, actorId, now);
    }

    /** The page a consumer sees. */
    private static final class Page implements PulledPage {
        private final String tenant;
        private final String target;
        private final String entityType;
        private final Tracked records;
        private final boolean firstSync;
        private final Handle handle;
        private final Instant now;
        private final Map<String, IdLink> byRef = new LinkedHashMap<>();
        private final List<IdLink> links = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        /** The index of the record the consumer handles: the last it took from {@link #records()} or linked; -1 before any. */
        private int current = -1;

        Page(String tenant, String target, String entityType, List<RemoteRecord> records, boolean firstSync, Handle handle, Instant now) {
            this.tenant = tenant;
            this.target = target;
            this.entityType = entityType;
            this.records = new Tracked(records);
            this.firstSync = firstSync;
            this.handle = handle;
            this.now = now;
        }

        public String tenantId() {
            return tenant;
        }

        public String target() {
            return target;
        }

        public String entityType() {
            return entityType;
        }

        public List<RemoteRecord> records() {
            return records;
        }

        public boolean firstSync() {
            return firstSync;
        }

        public Handle handle() {
            return handle;
        }

        public Instant now() {
            return now;
        }

        public void link(String linkType, String externalId, String localId) {
            for (int i = 0; i < records.size(); i++) {
                if (records.records.get(i).externalId().equals(externalId)) {
                    current = i;
                    break;
                }
            }
            ExternalRef ref = ExternalRef.of(target, linkType, externalId);
            IdLink l = new IdLink(ref, dev.oakit.core.Checks.text("localId", localId, 128), now);
            if (byRef.putIfAbsent(ref.toString(), l) == null) {
                links.add(l);
            }
        }

        public void note(String note) {
            notes.add(dev.oakit.core.Checks.text("note", note, 200));
        }

        /** @return what the consumer refused, of which record, and what to do */
        String rejection(ValidationException e) {
            StringBuilder m = new StringBuilder();
            if (current >= 0) {
                RemoteRecord r = records.records.get(current);
                m.append("record '").append(r.externalId()).append("' (record ").append(current + 1).append(" of ").append(records.size())
                        .append(" applied from the page, version ").append(r.version()).append(')');
            } else {
                m.append("a record (the consumer took none from the page before it failed)");
            }
            m.append(" of ").append(target).append('/').append(entityType).append(" was refused by its page consumer: ");
            m.append(e.problems().stream().map(x -> x.path().isEmpty() ? x.message() : "field '" + x.path() + "': " + x.message())
                    .collect(java.util.stream.Collectors.joining("; ")));
            m.append(". Correct the record in ").append(target).append(" (or what reads it into OAKit) and the pull applies it on its")
                    .append(" next run; until then nothing of this page is applied and the watermark stays");
            return m.toString();
        }

        /** The page's records, noting which one the consumer took last. */
        private final class Tracked extends java.util.AbstractList<RemoteRecord> implements java.util.RandomAccess {
            private final List<RemoteRecord> records;

            Tracked(List<RemoteRecord> records) {
                this.records = records;
            }

            @Override
            public RemoteRecord get(int index) {
                RemoteRecord r = records.get(index);
                current = index;
                return r;
            }

            @Override
            public int size() {
                return records.size();
            }
        }
    }
}
