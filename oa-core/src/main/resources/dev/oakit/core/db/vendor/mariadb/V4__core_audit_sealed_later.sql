-- Audit entries are inserted unsealed (no sequence, no hash) and chained by the sealer after commit.
ALTER TABLE oa_core_audit MODIFY seq BIGINT NULL, MODIFY prev_hash VARCHAR(64) NULL, MODIFY hash VARCHAR(64) NULL;
