-- The sealer's questions (which tenants have unsealed entries, and which are they, in id order)
-- start at seq IS NULL in this index instead of scanning the whole log (no partial indexes here).
CREATE INDEX oa_core_audit_unsealed ON oa_core_audit (seq, tenant_id, id);
