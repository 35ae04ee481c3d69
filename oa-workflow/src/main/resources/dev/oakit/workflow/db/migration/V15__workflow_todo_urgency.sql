-- The todo list by urgency: the earliest deadline first, tasks without one last, then urgent instances before
-- normal ones, then the oldest. no_due is 1 for a task without a deadline (due_at null), prio_rank 0 for a task of
-- an urgent instance and 1 for a normal one; one index serves a person's list in this order, so a page reads only
-- its own rows however many tasks are open.
ALTER TABLE oa_wf_task ADD COLUMN no_due SMALLINT DEFAULT 0 NOT NULL;
ALTER TABLE oa_wf_task ADD COLUMN prio_rank SMALLINT DEFAULT 1 NOT NULL;
UPDATE oa_wf_task SET no_due = 1 WHERE due_at IS NULL;
UPDATE oa_wf_task SET prio_rank = 0 WHERE instance_id IN (SELECT id FROM oa_wf_instance WHERE priority = 'urgent');
CREATE INDEX oa_wf_task_urgency ON oa_wf_task (tenant_id, assignee_id, status, no_due, due_at, prio_rank, created_at, id);
