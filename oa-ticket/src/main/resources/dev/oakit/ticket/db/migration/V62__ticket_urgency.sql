-- Work lists by urgency: open tickets first (done_flag 0; 1 once resolved or closed), by their due (work_due: the
-- SLA's resolution due, else the due set by hand, else 9999-12-31 so that tickets without a due come last), then
-- priority (prio_rank: URGENT 0, HIGH 1, NORMAL 2, LOW 3), then age. A queue's and an assignee's list are each one
-- range of an index in this order, so a page reads only its own rows however many tickets are open.
ALTER TABLE oa_tk_ticket ADD done_flag SMALLINT DEFAULT 0 NOT NULL;
ALTER TABLE oa_tk_ticket ADD work_due ${ts};
ALTER TABLE oa_tk_ticket ADD prio_rank SMALLINT DEFAULT 2 NOT NULL;
UPDATE oa_tk_ticket SET done_flag = 1 WHERE state_kind IN ('RESOLVED', 'CLOSED');
UPDATE oa_tk_ticket SET work_due = COALESCE(sla_resolution_due, due_at, TIMESTAMP '9999-12-31 00:00:00');
UPDATE oa_tk_ticket SET prio_rank = CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END;
CREATE INDEX oa_tk_ticket_queue_urgency ON oa_tk_ticket (tenant_id, queue_key, done_flag, work_due, prio_rank, created_at, id);
CREATE INDEX oa_tk_ticket_assignee_urgency ON oa_tk_ticket (tenant_id, assignee_id, done_flag, work_due, prio_rank, created_at, id);
