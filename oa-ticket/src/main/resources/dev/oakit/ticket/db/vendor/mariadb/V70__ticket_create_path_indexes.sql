-- Two reads of a routed create that must not grow with the ticket table (only DROP INDEX differs per database).
-- Dispatch counts the tickets each queue member holds, by priority: per member one range of this index, their open
-- tickets (done_flag 0, not their history), with state and priority read from the index alone. An assignee's held
-- tickets and open load are the same range.
DROP INDEX oa_tk_ticket_assignee ON oa_tk_ticket;
CREATE INDEX oa_tk_ticket_assignee ON oa_tk_ticket (tenant_id, assignee_id, done_flag, state_kind, priority);
-- The requester's earlier agents: their newest tickets first from these, which hold the assignee, so the read stops at
-- its limit without visiting a row however many tickets the requester (a user, or a contact by address) has.
CREATE INDEX oa_tk_ticket_requester_recent ON oa_tk_ticket (tenant_id, requester_id, id DESC, assignee_id);
CREATE INDEX oa_tk_ticket_contact_recent ON oa_tk_ticket (tenant_id, contact_email, id DESC, assignee_id);
