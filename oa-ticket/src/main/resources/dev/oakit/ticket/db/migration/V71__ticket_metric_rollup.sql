-- Creations and assignments reach the report figures per day (oa_tk_metric_day) through the rollup job
-- (MetricDayRepository.rollUp), not through the command that records them: rolled = 0 marks a row whose counts
-- (created, created_c for oa_tk_metric; assigned for oa_tk_metric_assign) are not in the figures yet, and the reports
-- add those rows to the figures (the live tail). The rows written before this version are in the figures: 1.
ALTER TABLE oa_tk_metric ADD rolled SMALLINT DEFAULT 1 NOT NULL;
ALTER TABLE oa_tk_metric_assign ADD rolled SMALLINT DEFAULT 1 NOT NULL;
-- the live tail of a range, and the rollup's next batch
CREATE INDEX oa_tk_metric_unrolled ON oa_tk_metric (tenant_id, rolled, created_day);
CREATE INDEX oa_tk_metric_assign_unrolled ON oa_tk_metric_assign (tenant_id, rolled, assigned_day);
