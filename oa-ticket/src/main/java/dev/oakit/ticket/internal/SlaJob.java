package dev.oakit.ticket.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.internal.command.Escalation;
import dev.oakit.ticket.internal.runner.CommandRunner;
import dev.oakit.ticket.sla.SlaFiring;
import dev.oakit.ticket.spi.DispatchHook;
import jakarta.inject.Inject;

/**
 * Runs one SLA firing of one ticket as a command of the system: recomputes the clock, and when the firing is still
 * due and has not run, marks it as run and has {@link Escalation} decide what it does (record it; notify for warnings,
 * breaches and NOTIFY steps; raise the priority; or move the ticket to another queue and dispatch it there). The
 * firing is marked in the same transaction, so it acts once.
 */
public final class SlaJob extends TicketJobs {
    private final CommandRunner runner;
    private final SlaTimers timers;
    private final DispatchHook dispatch;
    private final Escalation escalation;

    @Inject
    public SlaJob(Commands commands, CommandRunner runner, SlaTimers timers, DispatchHook dispatch, Escalation escalation) {
        super(commands, SlaTimers.JOB, "tk.ticket.sla");
        this.runner = runner;
        this.timers = timers;
        this.dispatch = dispatch;
        this.escalation = escalation;
    }

    @Override
    void run(CommandContext ctx, long ticketId, JsonNode payload) {
        String key = payload.get("key").asText();
        runner.onSystem(ctx, ticketId, (c, reads) -> {
            if (timers.timers(ctx.handle(), c.tenant(), ticketId).fired().contains(key)) {
                return;
            }
            SlaTimers.Evaluation ev = timers.evaluate(ctx.handle(), c.tenant(), ticketId, c.now);
            SlaFiring f = ev.firing(key);
            if (f == null) {
                return; // met, paused or stopped since it was scheduled; the command that changed it cancelled the job
            }
            if (f.at().isAfter(c.now)) {
                timers.refresh(ctx, ticketId); // moved later: keep the job in step
                return;
            }
            timers.markFired(ctx.handle(), c.tenant(), ticketId, key);
            escalation.fired(c, f, ev.status().target(f.target()), ev.status().policy(), t -> dispatch.assigneeFor(ctx, t, null), reads);
        });
    }
}
