-- The health of each mailbox's poll chain (docs/ticket-channels.md, "Polling"): failed polls in a
-- row, the last error and when, and when the next poll of the recurring job is due.
ALTER TABLE oa_tk_mail_cursor ADD COLUMN failures INT DEFAULT 0 NOT NULL;
ALTER TABLE oa_tk_mail_cursor ADD COLUMN last_error VARCHAR(1000);
ALTER TABLE oa_tk_mail_cursor ADD COLUMN failed_at ${ts};
ALTER TABLE oa_tk_mail_cursor ADD COLUMN next_poll_at ${ts};
