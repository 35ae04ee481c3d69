-- Medians and p90 with a queue, type or category filter (docs/ticket-reports.md "Response times with a filter"): the
-- value at a rank is read from the rank indexes alone, the filter tested on the index entry, instead of fetching every
-- ticket of the bucket from the table (only DROP INDEX differs per database).
DROP INDEX oa_tk_metric_response_rank;
CREATE INDEX oa_tk_metric_response_rank ON oa_tk_metric (tenant_id, queue_key, first_response_secs, first_response_day, type_key, category_key);
DROP INDEX oa_tk_metric_response_all;
CREATE INDEX oa_tk_metric_response_all ON oa_tk_metric (tenant_id, first_response_secs, first_response_day, queue_key, type_key, category_key);
DROP INDEX oa_tk_metric_resolution_rank;
CREATE INDEX oa_tk_metric_resolution_rank ON oa_tk_metric (tenant_id, queue_key, resolution_secs, resolved_day, type_key, category_key);
DROP INDEX oa_tk_metric_resolution_all;
CREATE INDEX oa_tk_metric_resolution_all ON oa_tk_metric (tenant_id, resolution_secs, resolved_day, queue_key, type_key, category_key);
