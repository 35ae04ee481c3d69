-- Two reads of a routed create that must not grow with the ticket table (only the DROP INDEX differs per database).
-- Dispatch counts the open tickets each queue member holds, by priority: one range of this index per member and held
-- state, read from the index alone (the report's open tickets by assignee still use its first three columns).
DROP INDEX oa_tk_ticket_open_assignee;
CREATE INDEX oa_tk_ticket_open_assignee ON oa_tk_ticket (tenant_id, state_kind, assignee_id, priority);
-- The requester's earlier agents: their newest tickets read backwards from these, which hold the assignee, so the read
-- stops at its limit without visiting a row however many tickets the requester (a user, or a contact by address) has.
CREATE INDEX oa_tk_ticket_requester_recent ON oa_tk_ticket (tenant_id, requester_id, id, assignee_id);
CREATE INDEX oa_tk_ticket_contact_recent ON oa_tk_ticket (tenant_id, contact_email, id, assignee_id);
