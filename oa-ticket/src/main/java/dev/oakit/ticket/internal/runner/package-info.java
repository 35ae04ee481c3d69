/**
 * Runs the ticket commands: {@link dev.oakit.ticket.internal.runner.TicketService} (the {@link dev.oakit.ticket.Tickets}
 * facade) checks the arguments and hands each command record to the
 * {@link dev.oakit.ticket.internal.runner.CommandRunner}, which locks and loads the ticket, asks the dispatch hook,
 * has the command's decider decide, and has the {@link dev.oakit.ticket.internal.runner.EffectWriter} write the
 * decision through the repositories.
 */
package dev.oakit.ticket.internal.runner;
