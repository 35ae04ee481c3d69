-- Withdrawing a family of waiting jobs by the start of their key (LIKE 'prefix%') is a range on the
-- key only where the index compares strings byte by byte: PostgreSQL's default index does that only
-- under the "C" collation, a pattern-ops index under any collation. Only waiting jobs are withdrawn.
CREATE INDEX oa_core_job_key_prefix ON oa_core_job (tenant_id, dedupe_key varchar_pattern_ops) WHERE status = 'READY';
