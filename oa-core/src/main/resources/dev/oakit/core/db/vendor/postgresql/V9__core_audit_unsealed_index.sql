-- The sealer's questions (which tenants have unsealed entries, and which are they, in id order)
-- read only the few unsealed entries: a partial index holds just those.
CREATE INDEX oa_core_audit_unsealed ON oa_core_audit (tenant_id, id) WHERE seq IS NULL;
