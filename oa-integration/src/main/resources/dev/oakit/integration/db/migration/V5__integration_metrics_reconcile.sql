-- How long a confirmed write took from its request to its confirmation, for the per-target statistics.
ALTER TABLE oa_int_write ADD confirm_ms BIGINT;

-- The last reconciliation report of each tenant, target and remote entity type (older ones are removed).
CREATE TABLE oa_int_recon_report (
    id              ${id},
    tenant_id       VARCHAR(64)   NOT NULL,
    target          VARCHAR(64)   NOT NULL,
    entity_type     VARCHAR(64)   NOT NULL,
    link_type       VARCHAR(64)   NOT NULL,
    every_ms        BIGINT,
    remote_records  BIGINT        NOT NULL,
    findings        ${text}       NOT NULL,
    csv             ${text}       NOT NULL,
    finished_at     ${ts}         NOT NULL
);
CREATE INDEX oa_int_recon_report_key ON oa_int_recon_report (tenant_id, target, entity_type, id);
