package dev.oakit.ticket.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.Actor;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.ticket.internal.command.Transitions;
import dev.oakit.ticket.internal.runner.CommandRunner;
import jakarta.inject.Inject;

/**
 * The durable timers of tickets, each run as a command of the system actor on its ticket:
 * "not started in time" and automatic acceptance.
 */
public abstract class TicketJobs implements JobHandler {
    private final Commands commands;
    private final String type;
    private final String action;

    TicketJobs(Commands commands, String type, String action) {
        this.commands = commands;
        this.type = type;
        this.action = action;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final void handle(JobContext job) {
        long id = job.payload().get("ticketId").asLong();
        commands.execute(CommandSpec.of(Actor.system(job.tenantId()), action).withTarget("ticket", Long.toString(id)), Void.class, ctx -> {
            run(ctx, id, job.payload());
            return null;
        });
    }

    abstract void run(CommandContext ctx, long ticketId, JsonNode payload);

    /** Flags a ticket overdue when it was not started within {@code ticket.startWithin} (超时未处理). */
    public static final class Overdue extends TicketJobs {
        private final CommandRunner runner;
        private final Transitions transitions;

        @Inject
        public Overdue(Commands commands, CommandRunner runner, Transitions transitions) {
            super(commands, Transitions.OVERDUE_JOB, "tk.ticket.overdue");
            this.runner = runner;
            this.transitions = transitions;
        }

        @Override
        void run(CommandContext ctx, long ticketId, JsonNode payload) {
            runner.onSystem(ctx, ticketId, transitions::markOverdue);
        }
    }

    /** Accepts a resolution the requester did not answer within {@code ticket.acceptanceDays} working days. */
    public static final class Acceptance extends TicketJobs {
        private final CommandRunner runner;
        private final Transitions transitions;

        @Inject
        public Acceptance(Commands commands, CommandRunner runner, Transitions transitions) {
            super(commands, Transitions.ACCEPT_JOB, "tk.ticket.accept-automatically");
            this.runner = runner;
            this.transitions = transitions;
        }

        @Override
        void run(CommandContext ctx, long ticketId, JsonNode payload) {
            int resolution = payload.get("resolution").asInt();
            runner.onSystem(ctx, ticketId, (c, reads) -> transitions.acceptAutomatically(c, resolution, reads));
        }
    }
}
