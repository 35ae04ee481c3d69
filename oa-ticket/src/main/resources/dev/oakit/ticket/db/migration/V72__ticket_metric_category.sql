-- Report figures per category (docs/ticket-reports.md "Figures per day"): the measures a report reads by agent, bucket or
-- queue get a twin with category_key filled, so a report with a category filter reads figures too, not every ticket:
--   measure      on_day               category_key       agent_id      bucket
--   resolved_ac  resolved_day         category or ''     resolved_by   0
--   first_hc     first_response_day   category or ''     ''            bucket of first_response_secs
--   resol_hc     resolved_day         category or ''     ''            bucket of resolution_secs
--   sla_c        known_day            category or ''     target        1 breached, 0 met
--   assigned_c   assigned_day         category or ''     agent_id      0           (counted by the rollup, like assigned)
--   rated        rated_day            ''                 ''            score
--   rated_c      rated_day            category or ''     ''            score
-- (created and resolved per category were there: created_c, resolved_c.) Each with its month rows (measure + '_m').
-- Ratings are counted by the command that records them, on rated_day (the day in the reports' zone). The ratings given
-- before this version have no day: the reports read them one by one until TicketReports.rebuildFigures gives them
-- their day and counts them (a zone's day is not known here).
ALTER TABLE oa_tk_rating ADD rated_day DATE;
CREATE INDEX oa_tk_rating_undated ON oa_tk_rating (tenant_id, rated_day, rated_at);

-- the twins of the rows written before this version (the same statements as TicketReports.rebuildFigures)
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT tenant_id, 'resolved_ac', resolved_day, queue_key, type_key, COALESCE(category_key, ''), COALESCE(resolved_by, ''), 0, COUNT(*)
FROM oa_tk_metric WHERE resolved_day IS NOT NULL
GROUP BY tenant_id, resolved_day, queue_key, type_key, COALESCE(category_key, ''), COALESCE(resolved_by, '');
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT tenant_id, 'first_hc', first_response_day, queue_key, type_key, COALESCE(category_key, ''), '',
    CASE WHEN first_response_secs < 3600 THEN FLOOR(first_response_secs / 300) WHEN first_response_secs < 2592000 THEN 11 + FLOOR(first_response_secs / 3600)
         ELSE 701 + FLOOR(first_response_secs / 86400) END, COUNT(*)
FROM oa_tk_metric WHERE first_response_secs IS NOT NULL
GROUP BY tenant_id, first_response_day, queue_key, type_key, COALESCE(category_key, ''),
    CASE WHEN first_response_secs < 3600 THEN FLOOR(first_response_secs / 300) WHEN first_response_secs < 2592000 THEN 11 + FLOOR(first_response_secs / 3600)
         ELSE 701 + FLOOR(first_response_secs / 86400) END;
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT tenant_id, 'resol_hc', resolved_day, queue_key, type_key, COALESCE(category_key, ''), '',
    CASE WHEN resolution_secs < 3600 THEN FLOOR(resolution_secs / 300) WHEN resolution_secs < 2592000 THEN 11 + FLOOR(resolution_secs / 3600)
         ELSE 701 + FLOOR(resolution_secs / 86400) END, COUNT(*)
FROM oa_tk_metric WHERE resolution_secs IS NOT NULL
GROUP BY tenant_id, resolved_day, queue_key, type_key, COALESCE(category_key, ''),
    CASE WHEN resolution_secs < 3600 THEN FLOOR(resolution_secs / 300) WHEN resolution_secs < 2592000 THEN 11 + FLOOR(resolution_secs / 3600)
         ELSE 701 + FLOOR(resolution_secs / 86400) END;
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT o.tenant_id, 'sla_c', o.known_day, m.queue_key, m.type_key, COALESCE(m.category_key, ''), o.target, CASE WHEN o.breached THEN 1 ELSE 0 END, COUNT(*)
FROM oa_tk_metric_sla o JOIN oa_tk_metric m ON m.ticket_id = o.ticket_id
GROUP BY o.tenant_id, o.known_day, m.queue_key, m.type_key, COALESCE(m.category_key, ''), o.target, CASE WHEN o.breached THEN 1 ELSE 0 END;
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT a.tenant_id, 'assigned_c', a.assigned_day, m.queue_key, m.type_key, COALESCE(m.category_key, ''), a.agent_id, 0, COUNT(*)
FROM oa_tk_metric_assign a JOIN oa_tk_metric m ON m.ticket_id = a.ticket_id WHERE a.rolled = 1
GROUP BY a.tenant_id, a.assigned_day, m.queue_key, m.type_key, COALESCE(m.category_key, ''), a.agent_id;
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT tenant_id, CONCAT(measure, '_m'), on_day - CAST(EXTRACT(DAY FROM on_day) - 1 AS INT), queue_key, type_key, category_key, agent_id, bucket, SUM(n)
FROM oa_tk_metric_day WHERE measure IN ('resolved_ac', 'first_hc', 'resol_hc', 'sla_c', 'assigned_c')
GROUP BY tenant_id, measure, on_day - CAST(EXTRACT(DAY FROM on_day) - 1 AS INT), queue_key, type_key, category_key, agent_id, bucket;

-- a report with a category filter reads the twins of the filter's categories only (its rows, not every category's)
CREATE INDEX oa_tk_metric_day_category ON oa_tk_metric_day (tenant_id, measure, category_key, on_day);
