-- The purge of mail texts past ticket-channels.mail.retention (docs/ticket-channels.md, "Retention")
-- walks a tenant's mail records by the time they were received.
CREATE INDEX oa_tk_mail_received ON oa_tk_mail (tenant_id, received_at);
