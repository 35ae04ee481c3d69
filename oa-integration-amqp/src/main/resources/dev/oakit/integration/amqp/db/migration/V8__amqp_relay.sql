-- Outbox events waiting for RabbitMQ: staged by the relay (one row per event), published in the order they occurred, marked once the broker confirmed.
CREATE TABLE oa_int_amqp_relay (
    id              ${id},
    tenant_id       VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    body            ${text}      NOT NULL,
    occurred_at     ${ts}        NOT NULL,
    staged_at       ${ts}        NOT NULL,
    published_at    ${ts}
);
CREATE UNIQUE INDEX oa_int_amqp_relay_event ON oa_int_amqp_relay (tenant_id, event_id);
CREATE INDEX oa_int_amqp_relay_pending ON oa_int_amqp_relay (tenant_id, published_at, occurred_at, id);

-- One publisher per tenant at a time, so that events leave in the order they were staged: a lease with a fencing token.
CREATE TABLE oa_int_amqp_relay_lease (
    tenant_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner_id        VARCHAR(64),
    fence           BIGINT       NOT NULL,
    expires_at      ${ts}
);
