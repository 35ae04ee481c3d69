package dev.oakit.core.internal.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.internal.db.Transactions;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims due jobs and runs them: a poller thread, a pool of job threads, lease renewal, and
 * recovery of jobs whose node died. Every node runs one; they coordinate only through the table.
 */
public final class JobWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);

    private final JobRepository store;
    private final Map<String, JobHandler> handlers;
    private final RetryPolicies policies;
    private final Transactions transactions;
    private final Clock clock;
    private final CoreConfig.Jobs config;
    private final ObjectMapper json;
    private final String nodeId;
    private final Map<Long, JobRepository.Claimed> running = new ConcurrentHashMap<>();
    private final AtomicInteger pollCount = new AtomicInteger();
    private final List<dev.oakit.core.spi.OperationObserver> observers;
    /** System.nanoTime() of the last finished poll, 0 before the first: the health check's heartbeat. */
    private volatile long lastPoll;
    /**
     * Set when a poll stopped because every job thread was busy, so due jobs may be left: the next
     * job to finish polls at once instead of leaving them to the next poll interval.
     */
    private final AtomicBoolean saturated = new AtomicBoolean();
    private volatile Semaphore slots;
    private volatile ScheduledExecutorService poller;
    private volatile ExecutorService pool;

    public JobWorker(JobRepository store, Map<String, JobHandler> handlers, RetryPolicies policies, Transactions transactions,
                     Clock clock, CoreConfig.Jobs config, ObjectMapper json) {
        this(store, handlers, policies, transactions, clock, config, json, List.of());
    }

    public JobWorker(JobRepository store, Map<String, JobHandler> handlers, RetryPolicies policies, Transactions transactions,
                     Clock clock, CoreConfig.Jobs config, ObjectMapper json,
                     java.util.Collection<dev.oakit.core.spi.OperationObserver> observers) {
        this.observers = List.copyOf(observers);
        this.store = store;
        this.handlers = Map.copyOf(handlers);
        this.policies = policies;
        this.transactions = transactions;
        this.clock = clock;
        this.config = config;
        this.json = json;
        this.nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @return this node's lease-owner name */
    public String nodeId() {
        return nodeId;
    }

    /** Starts polling. */
    public synchronized void start() {
        if (poller != null || !config.enabled()) {
            return;
        }
        slots = new Semaphore(config.threads());
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "oakit-job-" + nodeId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oakit-job-poller-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(10, config.pollInterval().toMillis());
        poller.scheduleWithFixedDelay(this::pollSafely, 0, every, TimeUnit.MILLISECONDS);
        long renew = Math.max(200, config.lease().toMillis() / 3);
        poller.scheduleWithFixedDelay(this::renewSafely, renew, renew, TimeUnit.MILLISECONDS);
    }

    /** Asks the poller to look for due jobs now (after a commit that scheduled some). */
    public void wakeUp() {
        ScheduledExecutorService p = poller;
        if (p != null && !p.isShutdown()) {
            try {
                p.execute(this::pollSafely);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // shutting down
            }
        }
    }

    /**
     * @return whether this node's workers run and polled recently (within ten poll intervals, at
     *     least 10 s): false when disabled, closed, or the poller is stuck
     */
    public boolean alive() {
        ScheduledExecutorService p = poller;
        ExecutorService jobs = pool;
        if (p == null || p.isShutdown() || jobs == null || jobs.isShutdown()) {
            return false;
        }
        long last = lastPoll;
        long limit = Math.max(java.time.Duration.ofSeconds(10).toNanos(), config.pollInterval().toNanos() * 10);
        return last == 0 || System.nanoTime() - last < limit;
    }

    /** @return whether this node is configured to run workers */
    public boolean enabled() {
        return config.enabled();
    }

    private void pollSafely() {
        try {
            poll();
            lastPoll = System.nanoTime();
        } catch (RuntimeException e) {
            LOG.warn("job poll failed; trying again in {}", config.pollInterval(), e);
        }
    }

    private void renewSafely() {
        try {
            Instant now = clock.instant();
            store.extendLeases(nodeId, new ArrayList<>(running.values()), now.plus(config.lease()), now);
        } catch (RuntimeException e) {
            LOG.warn("job lease renewal failed", e);
        }
    }

    private void poll() {
        Instant now = clock.instant();
        if (pollCount.incrementAndGet() % 10 == 1) {
            int recovered = store.recoverExpired(now);
            if (recovered > 0) {
                LOG.info("recovered {} job(s) whose lease expired", recovered);
            }
        }
        ExecutorService pool = this.pool;
        Semaphore slots = this.slots;
        if (pool == null || slots == null) {
            return;
        }
        while (true) {
            if (pool.isShutdown()) {
                return;
            }
            int free = slots.availablePermits();
            if (free == 0) {
                saturated.set(true);
                // a job that finished between the two reads saw no flag: claim for its thread now
                if (slots.availablePermits() == 0 || !saturated.compareAndSet(true, false)) {
                    return;
                }
                continue;
            }
            List<JobRepository.Claimed> claimed = store.claim(nodeId, free, clock.instant(), config.lease());
            if (claimed.isEmpty()) {
                return;
            }
            for (JobRepository.Claimed c : claimed) {
                slots.acquireUninterruptibly();
                running.put(c.id(), c);
                try {
                    pool.execute(() -> {
                        try {
                            runClaimed(c);
                        } finally {
                            running.remove(c.id());
                            slots.release();
                            if (saturated.compareAndSet(true, false)) {
                                wakeUp();
                            }
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    running.remove(c.id());
                    slots.release();
                    return; // lease will expire and another node takes it
                }
            }
        }
    }

    /** Runs one claimed attempt and records its outcome. Package-visible for tests that simulate crashes. */
    public void runClaimed(JobRepository.Claimed c) {
        if (observers.isEmpty()) {
            attempt(c);
            return;
        }
        List<dev.oakit.core.spi.OperationObserver.Scope> scopes = new ArrayList<>(observers.size());
        for (dev.oakit.core.spi.OperationObserver o : observers) {
            scopes.add(o.job(c.type()));
        }
        Throwable failure = attempt(c);
        for (dev.oakit.core.spi.OperationObserver.Scope s : scopes) {
            s.end(failure);
        }
    }

    /** @return the attempt's failure, or null when it completed */
    private Throwable attempt(JobRepository.Claimed c) {
        JobHandler handler = handlers.get(c.type());
        if (handler == null) {
            recordFailure(c, new IllegalStateException("no handler for job type '" + c.type()
                    + "' on this node; install the plugin that contributes it"), true);
            return new IllegalStateException("no handler for job type '" + c.type() + "'");
        }
        if (!handler.runsInTransaction()) {
            return runOutsideTransaction(handler, c);
        }
        try {
            transactions.inTransaction(tx -> {
                Instant now = clock.instant();
                try {
                    handler.handle(new Ctx(c, tx.handle(), now));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new HandlerFailure(e);
                }
                if (!store.complete(tx.handle(), c, nodeId, clock.instant())) {
                    throw new StaleFence();
                }
                return null;
            });
        } catch (StaleFence e) {
            LOG.warn("job {} ({}) finished after this node lost its lease (fence {}); its work was rolled back", c.id(), c.type(), c.fence());
        } catch (HandlerFailure e) {
            recordFailure(c, e.getCause(), isRetryable(e.getCause()));
            return e.getCause();
        } catch (RuntimeException e) {
            recordFailure(c, e, isRetryable(e));
            return e;
        }
        return null;
    }

    /**
     * An attempt of a handler that calls remote systems: no transaction and no connection while it
     * runs; the completion, conditioned on the fence, in a short transaction of its own.
     */
    private Throwable runOutsideTransaction(JobHandler handler, JobRepository.Claimed c) {
        try {
            handler.handle(new Ctx(c, null, clock.instant()));
        } catch (Exception e) {
            recordFailure(c, e, isRetryable(e));
            return e;
        }
        try {
            if (!transactions.inTransaction(tx -> store.complete(tx.handle(), c, nodeId, clock.instant()))) {
                LOG.warn("job {} ({}) finished after this node lost its lease (fence {}); not marked done here", c.id(), c.type(), c.fence());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not mark job {} done; its lease will expire and it will run again", c.id(), e);
            return e;
        }
        return null;
    }

    static boolean isRetryable(Throwable e) {
        if (e instanceof IntegrationException ie) {
            return ie.retryable();
        }
        return !(e instanceof ValidationException || e instanceof NotFoundException || e instanceof ForbiddenException);
    }

    private void recordFailure(JobRepository.Claimed c, Throwable e, boolean retryable) {
        Instant now = clock.instant();
        RetryPolicy policy = policies.forType(c.type());
        Instant first = c.firstAttemptAt() == null ? now : c.firstAttemptAt();
        Instant retryAt = retryable
                ? policy.nextAttempt(c.attempts(), c.maxAttempts(), first, now, ThreadLocalRandom.current().nextDouble()) : null;
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (retryable && retryAt == null) {
            error += c.attempts() >= c.maxAttempts()
                    ? " (gave up: all " + c.maxAttempts() + " attempts used)"
                    : " (gave up after " + c.attempts() + " attempts: the retry budget of " + policy.budget()
                    + " since the first attempt at " + first + " is used up)";
        }
        if (retryAt == null) {
            LOG.warn("job {} ({}) is dead after attempt {}: {}", c.id(), c.type(), c.attempts(), error);
        } else {
            LOG.info("job {} ({}) attempt {} failed, retry at {}: {}", c.id(), c.type(), c.attempts(), retryAt, error);
        }
        try {
            if (!store.fail(c, nodeId, error, retryAt, now)) {
                LOG.warn("job {} failure not recorded: this node lost its lease (fence {})", c.id(), c.fence());
            }
        } catch (RuntimeException ex) {
            LOG.warn("could not record failure of job {}; its lease will expire and it will run again", c.id(), ex);
        }
    }

    @Override
    public synchronized void close() {
        if (poller == null) {
            return;
        }
        poller.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} job(s) still running after {}; their leases will expire and other nodes take them over",
                        running.size(), config.shutdownTimeout());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        poller = null;
        pool = null;
    }

    private final class Ctx implements JobContext {
        private final JobRepository.Claimed c;
        private final Handle handle;
        private final Instant now;
        private JsonNode payload;

        Ctx(JobRepository.Claimed c, Handle handle, Instant now) {
            this.c = c;
            this.handle = handle;
            this.now = now;
        }

        @Override
        public long jobId() {
            return c.id();
        }

        @Override
        public String tenantId() {
            return c.tenantId();
        }

        @Override
        public String type() {
            return c.type();
        }

        @Override
        public int attempt() {
            return c.attempts();
        }

        @Override
        public long fence() {
            return c.fence();
        }

        @Override
        public JsonNode payload() {
            if (payload == null) {
                try {
                    payload = json.readTree(c.payload());
                } catch (Exception e) {
                    throw ValidationException.of("payload", "job " + c.id() + " has a payload that is not JSON: " + e.getMessage());
                }
            }
            return payload;
        }

        @Override
        public <T> T payload(Class<T> type) {
            try {
                return json.treeToValue(payload(), type);
            } catch (Exception e) {
                throw ValidationException.of("payload", "job " + c.id() + " payload does not fit " + type.getSimpleName() + ": " + e.getMessage());
            }
        }

        @Override
        public Handle handle() {
            if (handle == null) {
                throw new IllegalStateException("job type '" + c.type() + "' runs outside a transaction (its handler's"
                        + " runsInTransaction() is false); do its database work in commands or queries of its own");
            }
            return handle;
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public long schedule(dev.oakit.core.job.JobRequest request) {
            return store.insert(handle(), c.tenantId(), request, now);
        }
    }

    private static final class StaleFence extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StaleFence() {
            super(null, null, false, false);
        }
    }

    private static final class HandlerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerFailure(Throwable cause) {
            super(cause);
        }
    }
}
