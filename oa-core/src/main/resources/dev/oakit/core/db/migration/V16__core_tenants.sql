-- Tenants are explicit: created (Tenants.create, or declared with builder.tenant(..)), listed, deactivated.
-- A command of a tenant without a row here, or with active = FALSE, is refused.
CREATE TABLE oa_core_tenant (
    tenant_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    active          ${bool}      NOT NULL,
    created_at      ${ts}        NOT NULL,
    created_by      VARCHAR(64)  NOT NULL,
    deactivated_at  ${ts}
);
-- an installation that ran before keeps its tenants: every tenant that ever changed something is in the audit
-- log, and users may have been written straight into the directory's tables
INSERT INTO oa_core_tenant (tenant_id, name, active, created_at, created_by)
SELECT tenant_id, tenant_id, TRUE, MIN(occurred_at), 'migration' FROM oa_core_audit GROUP BY tenant_id;
INSERT INTO oa_core_tenant (tenant_id, name, active, created_at, created_by)
SELECT DISTINCT u.tenant_id, u.tenant_id, TRUE, CURRENT_TIMESTAMP, 'migration' FROM oa_core_user u
WHERE NOT EXISTS (SELECT 1 FROM oa_core_tenant t WHERE t.tenant_id = u.tenant_id);
