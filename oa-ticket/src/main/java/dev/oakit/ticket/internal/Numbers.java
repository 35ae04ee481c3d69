package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import org.jdbi.v3.core.Handle;

/**
 * Ticket numbers {@code <prefix>-<year>-<000123>}: one counter row per tenant and year, incremented
 * (and so locked) by the create command until it commits. Two creates never get the same number;
 * a rolled-back create leaves a gap.
 */
final class Numbers {
    private final Commands commands;

    Numbers(Commands commands) {
        this.commands = commands;
    }

    String next(CommandContext ctx, String prefix, int year) {
        Handle h = ctx.handle();
        if (increment(h, ctx.tenantId(), year) == 0) {
            try {
                // the first ticket of the year opens the counter; behind a savepoint, so a concurrent opener's
                // duplicate key undoes only this insert
                commands.execute(CommandSpec.of(Actor.system(ctx.tenantId()), "tk.counter.open")
                        .withTarget("ticket-counter", Integer.toString(year)), Void.class, c -> {
                            c.handle().createUpdate("INSERT INTO oa_tk_counter (tenant_id, yr, last_value) VALUES (:t, :y, 0)")
                                    .bind("t", c.tenantId()).bind("y", year).execute();
                            c.summary("opened the ticket number counter of " + year);
                            return null;
                        });
            } catch (ConflictException openedConcurrently) {
                // another create opened it first: use it
            }
            increment(h, ctx.tenantId(), year);
        }
        long n = h.createQuery("SELECT last_value FROM oa_tk_counter WHERE tenant_id = :t AND yr = :y")
                .bind("t", ctx.tenantId()).bind("y", year).mapTo(Long.class).one();
        return String.format("%s-%d-%06d", prefix, year, n);
    }

    private static int increment(Handle h, String tenant, int year) {
        return h.createUpdate("UPDATE oa_tk_counter SET last_value = last_value + 1 WHERE tenant_id = :t AND yr = :y")
                .bind("t", tenant).bind("y", year).execute();
    }
}
