/**
 * The tickets implementation, no compatibility promise. This package holds the wiring-level pieces: the services
 * behind the API facades other than {@code Tickets} ({@code TicketReader}, {@code CatalogService},
 * {@code QueueService}, {@code RoutingService}), the default dispatch and SLA hooks ({@code RuleDispatch},
 * {@code SlaTimers}), the timers' jobs and the channels (mail, webhooks). The commands run in
 * {@link dev.oakit.ticket.internal.runner}, are decided in {@link dev.oakit.ticket.internal.command} and stored by
 * {@link dev.oakit.ticket.internal.store}; see docs/architecture.md, "Tickets".
 */
package dev.oakit.ticket.internal;
