/**
 * Tickets / work orders (工单) for host applications: {@link dev.oakit.ticket.Tickets} (commands),
 * {@link dev.oakit.ticket.TicketQueries} (detail, lists, workbench counts),
 * {@link dev.oakit.ticket.TicketCatalog} (ticket types with their form and lifecycle, categories) and
 * {@link dev.oakit.ticket.Queues} (queues, members, agents). Install {@link dev.oakit.ticket.TicketPlugin}.
 */
package dev.oakit.ticket;
