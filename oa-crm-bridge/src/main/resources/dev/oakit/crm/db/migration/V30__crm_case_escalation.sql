-- what the CRM last said of a case's priority and escalation: a rise of either tells the ticket's people once
ALTER TABLE oa_crm_case ADD COLUMN crm_priority VARCHAR(64);
ALTER TABLE oa_crm_case ADD COLUMN crm_escalated SMALLINT DEFAULT 0 NOT NULL;
