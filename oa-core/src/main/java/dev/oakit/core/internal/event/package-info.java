/**
 * Domain events: the outbox written in the command's transaction ({@code Outbox}), one delivery
 * job per listener and relay ({@code EventJobs}), and signed webhooks ({@code WebhookRelay}).
 */
package dev.oakit.core.internal.event;
