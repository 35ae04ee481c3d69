-- Report figures per day (docs/ticket-reports.md "Figures per day"): counts of oa_tk_metric*, kept by the writer of
-- those rows in the same transaction, so a year-long report reads at most (days x queues x types x ...) rows however
-- many tickets there are. Written only by MetricDayRepository.
--   measure     on_day               category_key       agent_id      bucket
--   created     created_day          ''                 ''            0
--   created_c   created_day          category or ''     ''            0
--   resolved    resolved_day         ''                 resolved_by   0
--   resolved_c  resolved_day         category or ''     ''            0
--   first_h     first_response_day   ''                 ''            bucket of first_response_secs
--   resol_h     resolved_day         ''                 ''            bucket of resolution_secs
--   sla         known_day            ''                 target        1 breached, 0 met
--   assigned    assigned_day         ''                 agent_id      0
-- queue_key and type_key are the ticket's current ones (moved with it). n may reach 0 (then the row counts nothing).
-- Every measure also has month rows: measure + '_m', on_day the first day of the month, the sum of its days; a long range
-- reads its whole months from them and only the days at its ends from the day rows.
CREATE TABLE oa_tk_metric_day (
    tenant_id     VARCHAR(64) NOT NULL,
    measure       VARCHAR(16) NOT NULL,
    on_day        DATE        NOT NULL,
    queue_key     VARCHAR(64) NOT NULL,
    type_key      VARCHAR(64) NOT NULL,
    category_key  VARCHAR(64) NOT NULL,
    agent_id      VARCHAR(64) NOT NULL,
    bucket        BIGINT      NOT NULL,
    n             BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket)
);

-- an assignment's previous assignment of the same ticket to the same agent (its day), so "each ticket once per agent"
-- over a range is the per-day count less the repeats whose previous assignment is in the range
ALTER TABLE oa_tk_metric_assign ADD prev_day DATE;
CREATE INDEX oa_tk_metric_assign_prev ON oa_tk_metric_assign (tenant_id, prev_day);
CREATE INDEX oa_tk_metric_assign_ticket ON oa_tk_metric_assign (ticket_id, agent_id);

-- the figures of the rows written before this version (the same statements as TicketReports.rebuildFigures)
UPDATE oa_tk_metric_assign SET prev_day = (SELECT MAX(b.assigned_day) FROM (SELECT id, ticket_id, agent_id, assigned_day
    FROM oa_tk_metric_assign) b WHERE b.ticket_id = oa_tk_metric_assign.ticket_id AND b.agent_id = oa_tk_metric_assign.agent_id
    AND b.id < oa_tk_metric_assign.id);
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT tenant_id, 'created', created_day, queue_key, type_key, '', '', 0, COUNT(*) FROM oa_tk_metric
GROUP BY tenant_id, created_day, queue_key, type_key;
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT tenant_id, 'created_c', created_day, queue_key, type_key, COALESCE(category_key, ''), '', 0, COUNT(*) FROM oa_tk_metric
GROUP BY tenant_id, created_day, queue_key, type_key, COALESCE(category_key, '');
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT tenant_id, 'resolved', resolved_day, queue_key, type_key, '', COALESCE(resolved_by, ''), 0, COUNT(*) FROM oa_tk_metric
WHERE resolved_day IS NOT NULL GROUP BY tenant_id, resolved_day, queue_key, type_key, COALESCE(resolved_by, '');
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT tenant_id, 'resolved_c', resolved_day, queue_key, type_key, COALESCE(category_key, ''), '', 0, COUNT(*) FROM oa_tk_metric
WHERE resolved_day IS NOT NULL GROUP BY tenant_id, resolved_day, queue_key, type_key, COALESCE(category_key, '');
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT tenant_id, 'first_h', first_response_day, queue_key, type_key, '', '',
    CASE WHEN first_response_secs < 3600 THEN FLOOR(first_response_secs / 300) WHEN first_response_secs < 2592000 THEN 11 + FLOOR(first_response_secs / 3600)
         ELSE 701 + FLOOR(first_response_secs / 86400) END, COUNT(*)
FROM oa_tk_metric WHERE first_response_secs IS NOT NULL
GROUP BY tenant_id, first_response_day, queue_key, type_key,
    CASE WHEN first_response_secs < 3600 THEN FLOOR(first_response_secs / 300) WHEN first_response_secs < 2592000 THEN 11 + FLOOR(first_response_secs / 3600)
         ELSE 701 + FLOOR(first_response_secs / 86400) END;
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT tenant_id, 'resol_h', resolved_day, queue_key, type_key, '', '',
    CASE WHEN resolution_secs < 3600 THEN FLOOR(resolution_secs / 300) WHEN resolution_secs < 2592000 THEN 11 + FLOOR(resolution_secs / 3600)
         ELSE 701 + FLOOR(resolution_secs / 86400) END, COUNT(*)
FROM oa_tk_metric WHERE resolution_secs IS NOT NULL
GROUP BY tenant_id, resolved_day, queue_key, type_key,
    CASE WHEN resolution_secs < 3600 THEN FLOOR(resolution_secs / 300) WHEN resolution_secs < 2592000 THEN 11 + FLOOR(resolution_secs / 3600)
         ELSE 701 + FLOOR(resolution_secs / 86400) END;
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT o.tenant_id, 'sla', o.known_day, m.queue_key, m.type_key, '', o.target, CASE WHEN o.breached THEN 1 ELSE 0 END, COUNT(*)
FROM oa_tk_metric_sla o JOIN oa_tk_metric m ON m.ticket_id = o.ticket_id
GROUP BY o.tenant_id, o.known_day, m.queue_key, m.type_key, o.target, CASE WHEN o.breached THEN 1 ELSE 0 END;
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT a.tenant_id, 'assigned', a.assigned_day, m.queue_key, m.type_key, '', a.agent_id, 0, COUNT(*)
FROM oa_tk_metric_assign a JOIN oa_tk_metric m ON m.ticket_id = a.ticket_id
GROUP BY a.tenant_id, a.assigned_day, m.queue_key, m.type_key, a.agent_id;
INSERT INTO oa_tk_metric_day (tenant_id, measure, on_day, queue_key, type_key, category_key, agent_id, bucket, n)
SELECT tenant_id, CONCAT(measure, '_m'), on_day - CAST(EXTRACT(DAY FROM on_day) - 1 AS INT), queue_key, type_key, category_key, agent_id, bucket, SUM(n)
FROM oa_tk_metric_day
GROUP BY tenant_id, measure, on_day - CAST(EXTRACT(DAY FROM on_day) - 1 AS INT), queue_key, type_key, category_key, agent_id, bucket;
