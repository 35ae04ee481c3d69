/** What an integrator plugs into the RabbitMQ consumer: how a message becomes an inbound event. */
package dev.oakit.integration.amqp.spi;
