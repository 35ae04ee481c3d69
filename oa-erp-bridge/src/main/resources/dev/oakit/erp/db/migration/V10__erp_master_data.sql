-- Master data read from an ERP (vendors, materials, cost centres, projects, employees): one row per
-- record, keyed by target, kind and the ERP's id; a disabled or archived record stays, inactive.
CREATE TABLE oa_erp_master (
    tenant_id    VARCHAR(64)   NOT NULL,
    target       VARCHAR(64)   NOT NULL,
    kind         VARCHAR(24)   NOT NULL,
    external_id  VARCHAR(191)  NOT NULL,
    name         VARCHAR(500)  NOT NULL,
    email        VARCHAR(320),
    active       ${bool}       NOT NULL,
    version      BIGINT        NOT NULL,
    synced_at    ${ts}         NOT NULL,
    PRIMARY KEY (tenant_id, target, kind, external_id)
);
-- Where the sync of each kind stands: the highest remote version stored.
CREATE TABLE oa_erp_master_sync (
    tenant_id    VARCHAR(64)   NOT NULL,
    target       VARCHAR(64)   NOT NULL,
    kind         VARCHAR(24)   NOT NULL,
    watermark    BIGINT        NOT NULL,
    pulled       BIGINT        NOT NULL,
    applied      BIGINT        NOT NULL,
    synced_at    ${ts}         NOT NULL,
    PRIMARY KEY (tenant_id, target, kind)
);
