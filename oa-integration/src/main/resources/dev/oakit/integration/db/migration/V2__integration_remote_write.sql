-- Remote writes: the key is stored before any call; a worker claims a write (fence + lease), calls, then records.
CREATE TABLE oa_int_write (
    id             ${id},
    tenant_id      VARCHAR(64)   NOT NULL,
    target         VARCHAR(64)   NOT NULL,
    operation      VARCHAR(64)   NOT NULL,
    write_key      VARCHAR(191)  NOT NULL,
    local_id       VARCHAR(128),
    payload        ${text}       NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    remote_id      VARCHAR(191),
    attempts       INT           NOT NULL,
    creates        INT           NOT NULL,
    fence          BIGINT        NOT NULL,
    lease_owner    VARCHAR(64),
    lease_until    ${ts},
    last_error     VARCHAR(2000),
    remote_status  INT,
    remote_error   VARCHAR(4000),
    created_at     ${ts}         NOT NULL,
    updated_at     ${ts}         NOT NULL
);
CREATE UNIQUE INDEX oa_int_write_key ON oa_int_write (tenant_id, target, operation, write_key);
-- dead letters of a target, oldest first
CREATE INDEX oa_int_write_status ON oa_int_write (tenant_id, status, target, id);
