-- Audit entries are inserted unsealed (no sequence, no hash) and chained by the sealer after commit.
ALTER TABLE oa_core_audit ALTER COLUMN seq SET NULL;
ALTER TABLE oa_core_audit ALTER COLUMN prev_hash SET NULL;
ALTER TABLE oa_core_audit ALTER COLUMN hash SET NULL;
