/**
 * Dispatch (派单 / 自动分配): rules as data that send a ticket to a queue with a strategy, priority
 * and SLA policy ({@link dev.oakit.ticket.dispatch.DispatchRules}, first match wins, with a
 * default), the built-in strategies that pick an agent among a queue's eligible members
 * ({@link dev.oakit.ticket.dispatch.DispatchStrategies}: manual, claim, round-robin, least-loaded,
 * skill match, retain familiar) and the load weights per priority
 * ({@link dev.oakit.ticket.dispatch.PriorityWeights}). Everything here is a pure decision that
 * explains itself; the ticket service loads the candidates and applies the decision in its
 * command. See {@code docs/ticket-dispatch.md}.
 *
 * @since 0.1
 */
package dev.oakit.ticket.dispatch;
