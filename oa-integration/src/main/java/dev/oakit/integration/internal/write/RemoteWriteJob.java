package dev.oakit.integration.internal.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.internal.Connectors;
import dev.oakit.integration.internal.target.CallGuard;
import dev.oakit.integration.internal.target.RequestBudget;
import dev.oakit.integration.internal.target.TargetMeters;
import dev.oakit.integration.internal.write.WriteMachine.Action;
import dev.oakit.integration.internal.write.WriteMachine.Claim;
import dev.oakit.integration.internal.write.WriteMachine.Result;
import dev.oakit.integration.internal.write.WriteMachine.Transition;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers one remote write: claim (a short transaction: new fence, lease, the status stored before
 * the call), check the lease still holds for a whole call, call with no transaction and no
 * connection held, record the outcome (a short transaction, only while the fence is still ours).
 * A lookup that finds nothing goes on to create in the same attempt. Runs outside the job's
 * transaction ({@link #runsInTransaction()} is false).
 */
@Singleton
public final class RemoteWriteJob implements JobHandler {
    /** The job type. */
    public static final String TYPE = "int.write";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteJob.class);

    private final Commands commands;
    private final WriteRepository repo;
    private final Connectors connectors;
    private final IntegrationConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final CallGuard guard;
    private final RequestBudget budget;
    private final TargetMeters meters;
    private final RetryPolicy backoff;
    private final String owner = "int-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    public RemoteWriteJob(Commands commands, WriteRepository repo, Connectors connectors, IntegrationConfig config, ObjectMapper json,
                          Clock clock, CallGuard guard, RequestBudget budget, TargetMeters meters) {
        this.commands = commands;
        this.repo = repo;
        this.connectors = connectors;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.guard = guard;
        this.budget = budget;
        this.meters = meters;
        this.backoff = new RetryPolicy(config.retryInitial(), 2, config.retryMax(), 0.25, RetryPolicy.MAX_ATTEMPTS, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean runsInTransaction() {
        return false;
    }

    /** The job itself only fails when the database does, or another worker holds the lease: try again, for as long as it takes. */
    @Override
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(Duration.ofSeconds(1), 2, config.lease(), 0.25, RetryPolicy.MAX_ATTEMPTS, null);
    }

    @Override
    public void handle(JobContext job) {
        String tenant = job.tenantId();
        long id = job.payload().path("id").asLong();
        boolean attempt = true;
        while (true) {
            Optional<WriteRepository.Row> row = commands.query(h -> repo.row(h, tenant, id));
            if (row.isEmpty()) {
                return;
            }
            Claim claim = WriteMachine.claim(row.get().write().status());
            if (claim.action() == Action.NONE) {
                return;
            }
            Held held = claim(tenant, row.get(), claim, attempt);
            if (held == null) {
                return;
            }
            attempt = false;
            Instant callEnds = clock.instant().plus(config.callTimeout());
            if (!commands.query(h -> repo.holds(h, tenant, id, held.fence, owner, callEnds))) {
                // the claim took so long that the lease would not outlast the call: call nothing, try again once it ran out
                throw new IntegrationException(IntegrationErrors.WRITE_LEASED, "remote write " + id + ": the lease (fence " + held.fence
                        + ") would not outlast a call of " + config.callTimeout() + "; nothing was sent, the job tries again", true, null);
            }
            Outcome outcome = call(tenant, held.write, claim);
            boolean left = held.write.attempts() + 1 < config.maxAttempts();
            Transition t = WriteMachine.after(claim, outcome.result, left);
            if (!record(tenant, held, claim, t, outcome)) {
                LOG.warn("remote write {}: lease lost during the call (fence {}); the outcome {} is not recorded, the holder looks it up",
                        id, held.fence, outcome.result);
                return;
            }
            if (!t.continueNow()) {
                return;
            }
        }
    }

    private record Held(RemoteWrite write, long fence) {
    }

    /** What a call gave, with what the remote said when it failed. */
    private record Outcome(Result result, String remoteId, RemoteCallException failure) {
        static Outcome of(Result r, String remoteId) {
            return new Outcome(r, remoteId, null);
        }
    }

    /** How a claim went. */
    enum Claimed { YES, HELD_ELSEWHERE, OVER_BUDGET }

    /** @return the write held by this worker, or null when the target's budget is used up (the write waits for the next window) */
    private Held claim(String tenant, WriteRepository.Row row, Claim claim, boolean attempt) {
        RemoteWrite w = row.write();
        Claimed claimed = commands.execute(new CommandSpec(Actor.system(tenant), "integration.write.claim", RemoteWriteService.TARGET,
                Long.toString(w.id()), null), Claimed.class, ctx -> {
            Instant nextWindow = budget.take(ctx, w.target());
            if (nextWindow != null) {
                RemoteWriteService.schedule(ctx, w.id(), nextWindow);
                ctx.summary("remote write " + w.id() + " waits for the request budget of " + w.target() + " (next window " + nextWindow + ")");
                return Claimed.OVER_BUDGET;
            }
            boolean ok = repo.claim(ctx.handle(), tenant, w.id(), row.fence(), claim.during(), attempt, claim.action() == Action.CREATE,
                    owner, ctx.now().plus(config.lease()), ctx.now());
            ctx.summary(ok ? "claimed remote write " + w.id() + " to " + claim.action().name().toLowerCase(java.util.Locale.ROOT)
                    + " it (status " + claim.during() + ", fence " + (row.fence() + 1) + ")" : "remote write " + w.id() + " is held by another worker");
            return ok ? Claimed.YES : Claimed.HELD_ELSEWHERE;
        });
        if (claimed == Claimed.OVER_BUDGET) {
            return null;
        }
        if (claimed == Claimed.HELD_ELSEWHERE) {
            throw new IntegrationException(IntegrationErrors.WRITE_LEASED, "remote write " + w.id() + " is held by another worker until "
                    + row.leaseUntil() + "; this job tries again later", true, null);
        }
        return new Held(w, row.fence() + 1);
    }

    private Outcome call(String tenant, RemoteWrite w, Claim claim) {
        long started = System.nanoTime();
        Outcome o = callTimed(tenant, w, claim);
        meters.call(w.target(), w.operation(), claim.action().name().toLowerCase(java.util.Locale.ROOT) + ":" + o.result,
                Duration.ofNanos(System.nanoTime() - started));
        if (claim.action() == Action.CREATE && o.result != Result.RETRYABLE) {
            meters.sent(w.target(), w.operation());
        }
        return o;
    }

    private Outcome callTimed(String tenant, RemoteWrite w, Claim claim) {
        RemoteCreate<?> op = connectors.requireCreate(w.target(), w.operation());
        CallContext call = new CallContext(tenant, w.target(), w.operation(), config.callTimeout());
        try {
            guard.before(call);
        } catch (RemoteCallException held) {
            return new Outcome(Result.RETRYABLE, null, held);
        }
        try {
            Outcome o = claim.action() == Action.LOOKUP
                    ? op.find(call, w.key()).map(r -> Outcome.of(Result.FOUND, r)).orElse(Outcome.of(Result.NOT_FOUND, null))
                    : Outcome.of(Result.CREATED, create(op, call, w));
            guard.after(call, null);
            return o;
        } catch (RemoteCallException e) {
            guard.after(call, e);
            Result r = switch (e.kind()) {
                case RETRYABLE -> Result.RETRYABLE;
                case AMBIGUOUS -> Result.AMBIGUOUS;
                case PERMANENT -> Result.PERMANENT;
            };
            return new Outcome(r, null, e);
        } catch (RuntimeException e) {
            // a connector's bug may strike after the request left: as unsure as a timeout
            RemoteCallException wrapped = new RemoteCallException(RemoteCallException.Kind.AMBIGUOUS, "connector '" + w.target()
                    + "' failed on " + w.operation() + ": " + e, null, null, null, e);
            guard.after(call, wrapped);
            return new Outcome(Result.AMBIGUOUS, null, wrapped);
        }
    }

    private <P> String create(RemoteCreate<P> op, CallContext call, RemoteWrite w) throws RemoteCallException {
        P payload;
        try {
            payload = json.readValue(w.payload(), op.payloadType());
        } catch (Exception e) {
            throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, "the payload of remote write " + w.id() + " does not fit "
                    + op.payloadType().getSimpleName() + ": " + e.getMessage() + "; nothing was sent");
        }
        return op.create(call, w.key(), payload);
    }

    private boolean record(String tenant, Held held, Claim claim, Transition t, Outcome o) {
        RemoteWrite w = held.write;
        RemoteCallException f = o.failure;
        return commands.execute(new CommandSpec(Actor.system(tenant), "integration.write.record", RemoteWriteService.TARGET,
                Long.toString(w.id()), null), Boolean.class, ctx -> {
            boolean ok = repo.record(ctx.handle(), tenant, w.id(), held.fence, owner, t.status(), o.remoteId,
                    f == null ? null : f.getMessage(), f == null ? null : f.status(), f == null ? null : f.remoteError(), ctx.now());
            if (ok) {
                Duration sinceRequest = Duration.between(w.createdAt(), ctx.now());
                if (t.status() == WriteStatus.CONFIRMED) {
                    repo.confirmedAfter(ctx.handle(), tenant, w.id(), held.fence, Math.max(0, sinceRequest.toMillis()));
                }
                if (t.status() != w.status()) {
                    ctx.afterCommit(() -> meters.reached(w.target(), w.operation(), t.status(), sinceRequest));
                }
            }
            if (ok && t.retry()) {
                Duration wait = backoff.delay(w.attempts() + 1, ThreadLocalRandom.current().nextDouble());
                if (f != null && f.retryAfter() != null && f.retryAfter().compareTo(wait) > 0) {
                    wait = f.retryAfter();
                }
                RemoteWriteService.schedule(ctx, w.id(), ctx.now().plus(wait));
            }
            ctx.summary(ok ? "remote write " + w.id() + ": " + claim.action().name().toLowerCase(java.util.Locale.ROOT) + " gave "
                    + o.result + ", now " + t.status() + (t.status() == WriteStatus.CONFIRMED ? " as " + o.remoteId : "")
                    : "remote write " + w.id() + ": lease lost, outcome " + o.result + " not recorded");
            return ok;
        });
    }
}
