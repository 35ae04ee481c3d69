-- OAKit core kernel: durable jobs, outbox, audit log, idempotent requests.
-- Placeholders: ${ts} UTC timestamp, ${text} unbounded text, ${id} auto-increment primary key.

CREATE TABLE oa_core_job (
    id               ${id},
    tenant_id        VARCHAR(64)  NOT NULL,
    type             VARCHAR(100) NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    payload          ${text}      NOT NULL,
    due_at           ${ts}        NOT NULL,
    attempts         INT          NOT NULL,
    max_attempts     INT          NOT NULL,
    lease_owner      VARCHAR(100),
    lease_expires_at ${ts},
    fence            BIGINT       NOT NULL,
    dedupe_key       VARCHAR(200),
    last_error       VARCHAR(2000),
    created_at       ${ts}        NOT NULL,
    updated_at       ${ts}        NOT NULL
);
-- the workers' hot query: due ready jobs in due order
CREATE INDEX oa_core_job_due ON oa_core_job (status, due_at);
CREATE INDEX oa_core_job_lease ON oa_core_job (status, lease_expires_at);
-- pending jobs with a dedupe key are unique per tenant; the key is cleared when the job ends
CREATE UNIQUE INDEX oa_core_job_dedupe ON oa_core_job (tenant_id, dedupe_key);

CREATE TABLE oa_core_outbox (
    id             ${id},
    event_id       VARCHAR(36)  NOT NULL,
    tenant_id      VARCHAR(64)  NOT NULL,
    event_type     VARCHAR(100) NOT NULL,
    aggregate_type VARCHAR(64),
    aggregate_id   VARCHAR(128),
    actor_id       VARCHAR(64)  NOT NULL,
    occurred_at    ${ts}        NOT NULL,
    payload        ${text}      NOT NULL
);
CREATE UNIQUE INDEX oa_core_outbox_event ON oa_core_outbox (event_id);
CREATE INDEX oa_core_outbox_aggregate ON oa_core_outbox (tenant_id, aggregate_type, aggregate_id);

CREATE TABLE oa_core_audit (
    id             ${id},
    tenant_id      VARCHAR(64)   NOT NULL,
    seq            BIGINT        NOT NULL,
    actor_id       VARCHAR(64)   NOT NULL,
    on_behalf_of   VARCHAR(64),
    action         VARCHAR(100)  NOT NULL,
    target_type    VARCHAR(64),
    target_id      VARCHAR(128),
    occurred_at    ${ts}         NOT NULL,
    request_id     VARCHAR(128),
    summary        VARCHAR(1000),
    prev_hash      VARCHAR(64)   NOT NULL,
    hash           VARCHAR(64)   NOT NULL
);
CREATE UNIQUE INDEX oa_core_audit_seq ON oa_core_audit (tenant_id, seq);
CREATE INDEX oa_core_audit_target ON oa_core_audit (tenant_id, target_type, target_id);

-- the head of each tenant's hash chain; locked while appending so the chain stays linear
CREATE TABLE oa_core_audit_head (
    tenant_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);

-- request ids of idempotent commands and their first result
CREATE TABLE oa_core_request (
    tenant_id   VARCHAR(64)  NOT NULL,
    request_id  VARCHAR(128) NOT NULL,
    action      VARCHAR(100) NOT NULL,
    result      ${text},
    created_at  ${ts}        NOT NULL,
    PRIMARY KEY (tenant_id, request_id)
);
