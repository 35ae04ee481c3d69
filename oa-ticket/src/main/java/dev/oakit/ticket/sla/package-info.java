/**
 * SLA clocks of tickets (首次响应 / 解决时限): policies with working-time targets per priority
 * ({@link dev.oakit.ticket.sla.SlaPolicy}), the ticket history they run on
 * ({@link dev.oakit.ticket.sla.SlaEvent}) and the clock itself ({@link dev.oakit.ticket.sla.SlaClock}),
 * a pure function of business calendars, policies, history and an instant that computes due times,
 * pauses, breaches, explanations and the instants to warn and escalate at.
 *
 * <p>No database, no system clock: the ticket service stores the events and the jobs, this
 * package only computes. Every type is immutable and thread-safe except the policy builder. See
 * {@code docs/ticket-sla.md}.
 *
 * @since 0.1
 */
package dev.oakit.ticket.sla;
