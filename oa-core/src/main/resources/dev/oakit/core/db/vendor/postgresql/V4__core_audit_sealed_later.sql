-- Audit entries are inserted unsealed (no sequence, no hash) and chained by the sealer after commit.
ALTER TABLE oa_core_audit ALTER COLUMN seq DROP NOT NULL, ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;
