/** The RabbitMQ relay and consumer: the broker connection, the relay's staging table and job, dead letters. */
package dev.oakit.integration.amqp.internal;
