-- Incremental pulls: one row per tenant, target and remote entity type; the watermark is the highest
-- remote version recorded. A worker claims a pull (fence + lease), reads a page, records it, then moves the watermark.
CREATE TABLE oa_int_pull (
    id              ${id},
    tenant_id       VARCHAR(64)   NOT NULL,
    target          VARCHAR(64)   NOT NULL,
    entity_type     VARCHAR(64)   NOT NULL,
    watermark       BIGINT,
    every_ms        BIGINT,
    overlap_ms      BIGINT        NOT NULL,
    page_size       INT           NOT NULL,
    fence           BIGINT        NOT NULL,
    lease_owner     VARCHAR(64),
    lease_until     ${ts},
    pulled          BIGINT        NOT NULL,
    applied         BIGINT        NOT NULL,
    echoes          BIGINT        NOT NULL,
    last_run_at     ${ts},
    last_error      VARCHAR(2000),
    updated_at      ${ts}         NOT NULL
);
CREATE UNIQUE INDEX oa_int_pull_key ON oa_int_pull (tenant_id, target, entity_type);

-- our own writes coming back: a confirmed write found by the remote id of the record read
CREATE INDEX oa_int_write_remote ON oa_int_write (tenant_id, target, operation, remote_id);
