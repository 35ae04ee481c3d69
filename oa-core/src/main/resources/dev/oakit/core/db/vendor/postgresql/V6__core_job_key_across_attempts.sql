-- A job keeps its dedupe key while it waits for a retry (so cancelling by key reaches it) and
-- while it runs (so its successor may take the same key). The key stays unique per tenant among
-- jobs that have not started yet: a partial unique index.
DROP INDEX oa_core_job_dedupe;
CREATE UNIQUE INDEX oa_core_job_pending_key ON oa_core_job (tenant_id, dedupe_key) WHERE status = 'READY' AND attempts = 0;
CREATE INDEX oa_core_job_key ON oa_core_job (tenant_id, dedupe_key);
