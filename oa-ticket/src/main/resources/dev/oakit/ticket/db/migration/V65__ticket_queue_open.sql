-- A queue's open tickets newest first (the agent's queue view): one range of this index in the list's order, so the
-- first page reads its own rows however many tickets the queue holds; the page's count is a range of it too.
CREATE INDEX oa_tk_ticket_queue_open ON oa_tk_ticket (tenant_id, queue_key, done_flag, created_at DESC, id DESC);
