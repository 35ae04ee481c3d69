package dev.oakit.integration.internal.target;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.RemoteReads;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/** Reads now, behind the target's circuit breaker and request budget; the permit is taken in a short command before the call. */
@Singleton
public final class RemoteReadService implements RemoteReads {
    private final Commands commands;
    private final CallGuard guard;
    private final RequestBudget budget;
    private final IntegrationConfig config;

    @Inject
    public RemoteReadService(Commands commands, CallGuard guard, RequestBudget budget, IntegrationConfig config) {
        this.commands = commands;
        this.guard = guard;
        this.budget = budget;
        this.config = config;
    }

    @Override
    public <T> T read(Actor actor, String target, String operation, Duration timeout, Read<T> read) throws RemoteCallException {
        Checks.notNull("actor", actor);
        Checks.notNull("target", target);
        Checks.notNull("read", read);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout of the read of " + operation + " from '" + target + "' is " + timeout
                    + "; give a positive duration, e.g. PT5S");
        }
        CallContext call = new CallContext(actor.tenantId(), target, operation, timeout);
        if (config.target(target).requests() != null) {
            Instant next = commands.execute(CommandSpec.of(actor, "integration.read.permit").withTarget("target", target), Instant.class,
                    ctx -> {
                        Instant n = budget.take(ctx, target);
                        ctx.summary(n == null ? "took a request permit of " + target + " to read " + operation
                                : "the request budget of " + target + " is used up until " + n + "; " + operation + " not read");
                        return n;
                    });
            if (next != null) {
                throw new RemoteCallException(RemoteCallException.Kind.RETRYABLE, "the request budget of target '" + target
                        + "' is used up until " + next + "; nothing was sent", null, null, null, null);
            }
        }
        return guard.call(call, operation, read);
    }
}
