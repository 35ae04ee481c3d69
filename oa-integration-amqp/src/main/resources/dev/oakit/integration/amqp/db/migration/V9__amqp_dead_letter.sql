-- Messages from a queue that could not be read or were refused by validation: kept with their body and the error, then acked;
-- replayed_at: when an administrator put the message back into its queue.
CREATE TABLE oa_int_amqp_dead (
    id              ${id},
    tenant_id       VARCHAR(64)  NOT NULL,
    queue_name      VARCHAR(191) NOT NULL,
    message_id      VARCHAR(191),
    body            ${text},
    error           VARCHAR(4000) NOT NULL,
    created_at      ${ts}        NOT NULL,
    replayed_at     ${ts}
);
CREATE INDEX oa_int_amqp_dead_queue ON oa_int_amqp_dead (tenant_id, queue_name, id);
