-- A customer's tickets (the customer view of a CRM account): served by an index, open ones first.
CREATE INDEX oa_tk_ticket_customer ON oa_tk_ticket (tenant_id, customer_ref, state_kind, created_at);
