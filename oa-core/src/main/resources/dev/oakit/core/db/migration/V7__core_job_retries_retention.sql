-- Retry budgets, one delivery job per listener, retention and fair claiming across tenants.

-- the time budget of a job's retries counts from its first attempt
ALTER TABLE oa_core_job ADD COLUMN first_attempt_at ${ts};
-- the outbox event a delivery job delivers: an event is purged only when none of its deliveries is pending or dead
ALTER TABLE oa_core_job ADD COLUMN event_id VARCHAR(36);
UPDATE oa_core_job SET event_id = SUBSTRING(payload, 13, 36)
    WHERE type IN ('core.event.listeners', 'core.event.relay') AND payload LIKE '{"eventId":"%';
CREATE INDEX oa_core_job_event ON oa_core_job (event_id);
-- claiming per tenant: a tenant's due jobs in due order (then creation order)
CREATE INDEX oa_core_job_tenant_due ON oa_core_job (status, tenant_id, due_at, id);
-- retention: ended jobs by age
CREATE INDEX oa_core_job_ended ON oa_core_job (status, updated_at);
CREATE INDEX oa_core_outbox_occurred ON oa_core_outbox (occurred_at);
CREATE INDEX oa_core_request_created ON oa_core_request (created_at);
