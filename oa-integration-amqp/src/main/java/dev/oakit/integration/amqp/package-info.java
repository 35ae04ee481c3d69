/**
 * RabbitMQ for OAKit: relays outbox events to an exchange with publisher confirms, and consumes a
 * remote system's change events from a queue into the integration inbox, each accepted once.
 */
package dev.oakit.integration.amqp;
