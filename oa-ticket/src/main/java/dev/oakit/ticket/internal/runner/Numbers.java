package dev.oakit.ticket.internal.runner;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.internal.store.CounterRepository;
import org.jdbi.v3.core.Handle;

/**
 * Ticket numbers {@code <prefix>-<year>-<000123>}: one counter row per tenant and year, incremented
 * (and so locked) by the create command until it commits. Two creates never get the same number;
 * a rolled-back create leaves a gap.
 */
final class Numbers {
    private final Commands commands;
    private final CounterRepository counters;

    Numbers(Commands commands, CounterRepository counters) {
        this.commands = commands;
        this.counters = counters;
    }

    String next(CommandContext ctx, String prefix, int year) {
        Handle h = ctx.handle();
        java.util.OptionalLong next = counters.next(h, ctx.tenantId(), year);
        if (next.isEmpty()) {
            try {
                // the first ticket of the year opens the counter; behind a savepoint, so a concurrent opener's
                // duplicate key undoes only this insert
                commands.execute(CommandSpec.of(Actor.system(ctx.tenantId()), "tk.counter.open")
                        .withTarget("ticket-counter", Integer.toString(year)), Void.class, c -> {
                            counters.open(c.handle(), c.tenantId(), year);
                            c.summary("opened the ticket number counter of " + year);
                            return null;
                        });
            } catch (ConflictException openedConcurrently) {
                // another create opened it first: use it
            }
            next = counters.next(h, ctx.tenantId(), year);
        }
        return number(prefix, year, next.orElseThrow());
    }

    /**
     * @return {@code <prefix>-<year>-<n>}, {@code n} zero-padded to six digits, in ASCII digits whatever the default
     *     locale (String.format was a tenth of OAKit's own time in a create)
     */
    static String number(String prefix, int year, long n) {
        String digits = Long.toString(n);
        StringBuilder b = new StringBuilder(prefix.length() + 13).append(prefix).append('-').append(year).append('-');
        for (int i = digits.length(); i < 6; i++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }
}
