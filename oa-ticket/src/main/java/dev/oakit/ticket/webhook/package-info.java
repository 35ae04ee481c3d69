/**
 * Tickets from webhooks and IM bots: {@link dev.oakit.ticket.webhook.WebhookIntake}, mounted by the
 * host in its own HTTP stack, sources configured as {@link dev.oakit.ticket.webhook.WebhookSource}.
 * Install {@link dev.oakit.ticket.TicketChannelsPlugin}.
 */
package dev.oakit.ticket.webhook;
