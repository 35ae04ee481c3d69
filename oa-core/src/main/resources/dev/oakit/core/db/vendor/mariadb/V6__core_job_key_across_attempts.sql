-- A job keeps its dedupe key while it waits for a retry (so cancelling by key reaches it) and
-- while it runs (so its successor may take the same key). The key stays unique per tenant among
-- jobs that have not started yet: a generated column holds it only for them.
DROP INDEX oa_core_job_dedupe ON oa_core_job;
ALTER TABLE oa_core_job ADD COLUMN pending_key VARCHAR(200)
    AS (CASE WHEN status = 'READY' AND attempts = 0 THEN dedupe_key END) PERSISTENT;
CREATE UNIQUE INDEX oa_core_job_pending_key ON oa_core_job (tenant_id, pending_key);
CREATE INDEX oa_core_job_key ON oa_core_job (tenant_id, dedupe_key);
