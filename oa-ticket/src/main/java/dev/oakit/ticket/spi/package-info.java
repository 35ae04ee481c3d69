/**
 * Extension points of oa-ticket for vendors and integrators:
 * {@link dev.oakit.ticket.spi.DispatchStrategy} (how a queue picks an agent) with its input
 * ({@link dev.oakit.ticket.spi.DispatchRequest}, {@link dev.oakit.ticket.spi.AgentCandidate}) and
 * result ({@link dev.oakit.ticket.spi.DispatchDecision}); these four depend on nothing else in oa-ticket,
 * so the built-in strategies ({@code dev.oakit.ticket.dispatch}) and vendor strategies build on them
 * without a package cycle. {@link dev.oakit.ticket.spi.DispatchHook} and {@link dev.oakit.ticket.spi.SlaHook}
 * replace dispatch or the SLA clock as a whole and see tickets as the API shows them. See
 * {@code docs/ticket-dispatch.md} and {@code docs/tickets.md}, "Dispatch and SLA hooks".
 *
 * @since 0.1
 */
package dev.oakit.ticket.spi;
