package dev.oakit.core.internal.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.internal.audit.AuditLogService;
import dev.oakit.core.internal.db.Database;
import dev.oakit.core.internal.db.Transactions;
import dev.oakit.core.internal.event.Outbox;
import dev.oakit.core.internal.job.JobRepository;
import dev.oakit.core.internal.job.JobWorker;
import dev.oakit.core.internal.tenant.TenantGate;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.OperationObserver;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The command chain: log → retry on transient conflict → transaction → idempotency → run →
 * audit. Everything a command writes, including its audit entry, outbox events and jobs,
 * commits together.
 */
public final class CommandRunner implements Commands {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    private final Database db;
    private final Transactions transactions;
    private final Clock clock;
    private final ObjectMapper json;
    private final JobRepository jobs;
    private final Supplier<Outbox> outbox;
    private final Supplier<JobWorker> worker;
    private final TenantGate tenants;
    private final java.util.List<OperationObserver> observers;

    public CommandRunner(Database db, Transactions transactions, Clock clock, ObjectMapper json, JobRepository jobs,
                         Supplier<Outbox> outbox, Supplier<JobWorker> worker, TenantGate tenants) {
        this(db, transactions, clock, json, jobs, outbox, worker, tenants, java.util.List.of());
    }

    public CommandRunner(Database db, Transactions transactions, Clock clock, ObjectMapper json, JobRepository jobs,
                         Supplier<Outbox> outbox, Supplier<JobWorker> worker, TenantGate tenants,
                         java.util.Collection<OperationObserver> observers) {
        this.observers = java.util.List.copyOf(observers);
        this.db = db;
        this.transactions = transactions;
        this.clock = clock;
        this.json = json;
        this.jobs = jobs;
        this.outbox = outbox;
        this.worker = worker;
        this.tenants = tenants;
    }

    @Override
    public <T> T execute(CommandSpec spec, Class<T> resultType, Function<CommandContext, T> body) {
        Checks.notNull("spec", spec);
        Checks.notNull("resultType", resultType);
        Checks.notNull("body", body);
        if (observers.isEmpty()) {
            return dispatch(spec, resultType, body);
        }
        // the one place every command passes: observers see each call once, its retries included
        java.util.List<OperationObserver.Scope> scopes = new java.util.ArrayList<>(observers.size());
        for (OperationObserver o : observers) {
            scopes.add(o.command(spec));
        }
        Throwable failure = null;
        try {
            return dispatch(spec, resultType, body);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            for (OperationObserver.Scope s : scopes) {
                s.end(failure);
            }
        }
    }

    private <T> T dispatch(CommandSpec spec, Class<T> resultType, Function<CommandContext, T> body) {
        String tenant = spec.actor().tenantId();
        LOG.debug("command {} by {}/{} on {}:{}", spec.action(), tenant, spec.actor().userId(), spec.targetType(), spec.targetId());
        Transactions.Tx outer = transactions.current();
        boolean outermost = outer == null;
        if (!outermost || db.connections().hostConnection() != null) {
            return nested(spec, resultType, body);
        }
        try {
            return transactions.inTransaction(tx -> runCounting(tx, spec, resultType, body));
        } catch (ConflictException e) {
            // a concurrent command with the same request id committed first: answer with its result
            // (a job key scheduleNew found taken is JOB_KEY_TAKEN, never mistaken for this)
            if (outermost && spec.requestId() != null && CoreErrors.DUPLICATE.equals(e.code())) {
                return transactions.inTransaction(tx -> runCounting(tx, spec, resultType, body));
            }
            throw e;
        }
    }

    /**
     * A command inside another unit of work (an outer command, or the host's transaction) runs
     * behind a savepoint: when it fails, its own writes are undone and the outer transaction stays
     * usable (PostgreSQL would otherwise refuse every further statement).
     */
    private <T> T nested(CommandSpec spec, Class<T> resultType, Function<CommandContext, T> body) {
        boolean fresh = transactions.current() == null;
        return transactions.inTransaction(tx -> {
            if (fresh && !tx.hostOwned()) {
                // the host bound a connection in auto-commit mode: OAKit owns this transaction
                return runCounting(tx, spec, resultType, body);
            }
            // the outer command's gathered new jobs are written first: the nested command sees (and may cancel) them,
            // and its failure, undone to the savepoint, does not undo them
            writeNewJobs(tx);
            String savepoint = "oa_cmd_" + tx.nextSavepoint();
            tx.handle().savepoint(savepoint);
            try {
                T result = runCounting(tx, spec, resultType, body);
                tx.handle().releaseSavepoint(savepoint);
                return result;
            } catch (RuntimeException e) {
                try {
                    tx.handle().rollbackToSavepoint(savepoint);
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                if (Transactions.isTransient(e)) {
                    tx.markTransient(e); // the outermost command runs again, even if the caller catches this
                }
                // the caller may catch it and carry on, so it gets OAKit's exception, never a raw SQL error
                throw Transactions.translate(e);
            }
        });
    }

    private <T> T runCounting(Transactions.Tx tx, CommandSpec spec, Class<T> resultType, Function<CommandContext, T> body) {
        NewJobs gathered = newJobs(tx);
        java.util.Set<String> keysBefore = java.util.Set.copyOf(gathered.keys);
        tx.enter();
        try {
            return run(tx, spec, resultType, body);
        } catch (RuntimeException | Error e) {
            gathered.forget(keysBefore); // the failed command's new jobs are not written, nor are their keys taken
            throw e;
        } finally {
            tx.exit();
        }
    }

    /**
     * The jobs {@link CommandContext#scheduleNew} gathered in a transaction and not written yet (they belong to the
     * innermost running command: an outer command's are written before a nested one begins), and every key a job got
     * in the transaction (by scheduleNew, schedule or scheduleAll) that no cancel freed since: scheduleNew shares the
     * job of such a key, as scheduleAll would.
     */
    private static final class NewJobs {
        final java.util.List<JobRequest> jobs = new java.util.ArrayList<>();
        final java.util.Set<String> keys = new java.util.HashSet<>();
        String tenantId;
        Instant now;

        void forget(java.util.Set<String> keysBefore) {
            jobs.clear();
            keys.clear(); // its keys are free again, and those its cancels freed are held again
            keys.addAll(keysBefore);
        }

        java.util.List<JobRequest> take() {
            java.util.List<JobRequest> taken = java.util.List.copyOf(jobs);
            jobs.clear();
            return taken;
        }
    }

    private static NewJobs newJobs(Transactions.Tx tx) {
        return tx.attached(NewJobs.class, NewJobs::new);
    }

    /** Writes the transaction's gathered new jobs, if any, in one batch. */
    private void writeNewJobs(Transactions.Tx tx) {
        NewJobs gathered = newJobs(tx);
        if (!gathered.jobs.isEmpty()) {
            jobs.insertNew(tx.handle(), gathered.tenantId, gathered.take(), gathered.now);
        }
    }

    private <T> T run(Transactions.Tx tx, CommandSpec spec, Class<T> resultType, Function<CommandContext, T> body) {
        Handle h = tx.handle();
        Actor actor = spec.actor();
        Instant now = clock.instant();
        tenants.admit(h, actor, spec.action(), now);
        if (spec.requestId() != null) {
            Optional<RequestRepository.Prior> prior = RequestRepository.find(h, actor.tenantId(), spec.requestId());
            if (prior.isPresent()) {
                // the same request is the same action by the same actor on the same target; anything else reused the id
                if (!prior.get().action().equals(spec.action()) || !actor.userId().equals(prior.get().actorId())
                        || !java.util.Objects.equals(prior.get().target(), target(spec))) {
                    throw new ConflictException(CoreErrors.REQUEST_ID_REUSED, "request id '" + spec.requestId()
                            + "' was already used for " + prior.get().action() + " by another actor or on another target;"
                            + " use a new request id for " + spec.action());
                }
                return readResult(prior.get().result(), resultType);
            }
            RequestRepository.insert(h, actor.tenantId(), spec.requestId(), spec.action(), actor.userId(), target(spec), now);
        }
        Ctx ctx = new Ctx(tx, spec, now);
        T result = body.apply(ctx);
        ctx.writeNewJobs();
        AuditLogService.append(h, actor.tenantId(), actor.userId(), ctx.onBehalfOf, spec.action(), ctx.targetType,
                ctx.targetId, now, spec.requestId(), ctx.summary);
        if (spec.requestId() != null) {
            RequestRepository.storeResult(h, actor.tenantId(), spec.requestId(), writeResult(result));
        }
        if (ctx.scheduled) {
            // listeners and other jobs run on the workers, never on the caller's thread: wake them now
            tx.afterCommit(() -> worker.get().wakeUp());
        }
        return result;
    }

    private String writeResult(Object result) {
        try {
            return json.writeValueAsString(result);
        } catch (Exception e) {
            throw new IllegalStateException("command result cannot be stored as JSON for idempotency: " + e.getMessage(), e);
        }
    }

    private <T> T readResult(String stored, Class<T> type) {
        if (stored == null || type == Void.class) {
            return null;
        }
        try {
            return json.readValue(stored, type);
        } catch (Exception e) {
            throw new IllegalStateException("stored result of a repeated request cannot be read as " + type.getSimpleName(), e);
        }
    }

    @Override
    public <T> T query(Function<Handle, T> query) {
        Checks.notNull("query", query);
        return transactions.read(tx -> query.apply(tx.handle()));
    }

    @Override
    public boolean jobWaiting(String tenantId, String dedupeKey) {
        Checks.text("tenantId", tenantId, 200);
        Checks.text("dedupeKey", dedupeKey, 200);
        return transactions.read(tx -> jobs.waitingOrRunning(tx.handle(), tenantId, dedupeKey));
    }

    @Override
    public <T> T queryInTransaction(Function<Handle, T> query) {
        Checks.notNull("query", query);
        return transactions.inTransaction(tx -> query.apply(tx.handle()));
    }

    /** The target a request names up front (a command that creates its target has none yet). */
    private static String target(CommandSpec spec) {
        return spec.targetType() == null ? null : spec.targetType() + ":" + spec.targetId();
    }

    private final class Ctx implements CommandContext, WakesWorkers {
        private final Transactions.Tx tx;
        private final CommandSpec spec;
        private final Instant now;
        private String targetType;
        private String targetId;
        private String summary;
        private String onBehalfOf;
        private boolean scheduled;

        Ctx(Transactions.Tx tx, CommandSpec spec, Instant now) {
            this.tx = tx;
            this.spec = spec;
            this.now = now;
            this.targetType = spec.targetType();
            this.targetId = spec.targetId();
        }

        @Override
        public Handle handle() {
            return tx.handle();
        }

        @Override
        public Actor actor() {
            return spec.actor();
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public ObjectMapper json() {
            return json;
        }

        @Override
        public void target(String type, String id) {
            this.targetType = Checks.optionalText("targetType", type, 64);
            this.targetId = Checks.optionalText("targetId", id, 128);
        }

        @Override
        public void summary(String summary) {
            this.summary = summary;
        }

        @Override
        public void onBehalfOf(String userId) {
            this.onBehalfOf = userId == null ? null : Checks.id("onBehalfOf", userId);
        }

        @Override
        public String publish(String eventType, String aggregateType, String aggregateId, Object payload) {
            scheduled = true;
            return outbox.get().publish(tx.handle(), tenantId(), actor().userId(), now, eventType, aggregateType, aggregateId, payload);
        }

        @Override
        public void jobsWritten() {
            scheduled = true;
        }

        @Override
        public java.util.List<JobRequest> takeNewJobs() {
            return newJobs(tx).take();
        }

        /** Writes the gathered new jobs (before any other job statement, so a cancel of their keys finds them). */
        void writeNewJobs() {
            CommandRunner.this.writeNewJobs(tx);
        }

        @Override
        public void scheduleNew(java.util.Collection<JobRequest> requests) {
            Checks.elements("requests", requests);
            NewJobs gathered = newJobs(tx);
            for (JobRequest r : requests) {
                if (r.dedupeKey() == null || gathered.keys.add(r.dedupeKey())) { // the first job of a key wins
                    scheduled = true;
                    gathered.tenantId = tenantId();
                    gathered.now = now;
                    gathered.jobs.add(r);
                }
            }
        }

        @Override
        public long schedule(JobRequest request) {
            Checks.notNull("request", request);
            scheduled = true;
            writeNewJobs();
            scheduledKeys(java.util.List.of(request));
            return jobs.insert(tx.handle(), tenantId(), request, now);
        }

        @Override
        public void scheduleAll(java.util.Collection<JobRequest> requests) {
            Checks.elements("requests", requests);
            if (!requests.isEmpty()) {
                scheduled = true;
                writeNewJobs();
                scheduledKeys(requests);
                jobs.insertAll(tx.handle(), tenantId(), requests, now);
            }
        }

        /** Notes the keys a job now holds in this transaction: scheduleNew shares them rather than write them again. */
        private void scheduledKeys(java.util.Collection<JobRequest> requests) {
            NewJobs gathered = newJobs(tx);
            requests.stream().map(JobRequest::dedupeKey).filter(java.util.Objects::nonNull).forEach(gathered.keys::add);
        }

        @Override
        public int cancelJobs(String dedupeKey) {
            Checks.text("dedupeKey", dedupeKey, 200);
            writeNewJobs();
            newJobs(tx).keys.remove(dedupeKey); // scheduleNew may write a job of this key again
            return jobs.cancel(tx.handle(), tenantId(), dedupeKey, now);
        }

        @Override
        public int cancelJobsByKeyPrefix(String keyPrefix) {
            Checks.text("keyPrefix", keyPrefix, 200);
            writeNewJobs();
            newJobs(tx).keys.removeIf(k -> k.startsWith(keyPrefix));
            return jobs.cancelByKeyPrefix(tx.handle(), tenantId(), keyPrefix, now);
        }

        @Override
        public void afterCommit(Runnable action) {
            tx.afterCommit(Checks.notNull("action", action));
        }
    }
}
