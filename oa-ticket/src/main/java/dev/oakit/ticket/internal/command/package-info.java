/**
 * The ticket commands as data ({@link dev.oakit.ticket.internal.command.TicketCommand}) and the deciders, one class per
 * group (creation, transitions, assignment, conversation, editing, relations, SLA escalation): each decides over a
 * loaded {@link dev.oakit.ticket.internal.command.TicketChange} who may, in which state, and what changes, and lists
 * the effects; none writes, none sees Jdbi or the command context.
 */
package dev.oakit.ticket.internal.command;
