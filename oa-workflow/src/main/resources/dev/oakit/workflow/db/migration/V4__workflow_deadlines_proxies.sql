-- OAKit approvals, issue 4: deadlines, proxies (委托), absences, and what statistics need.
-- due_at: the task's deadline in UTC (null without one); proxy_for: the approver a proxy works for;
-- work_ms: working time from open to close on the node's calendar, written when the task closes;
-- urged: how often the instance was urged while this task was open.
ALTER TABLE oa_wf_task ADD COLUMN due_at ${ts};
ALTER TABLE oa_wf_task ADD COLUMN proxy_for VARCHAR(64);
ALTER TABLE oa_wf_task ADD COLUMN work_ms BIGINT;
ALTER TABLE oa_wf_task ADD COLUMN urged INT DEFAULT 0 NOT NULL;
-- overdue lists and statistics per process and period
CREATE INDEX oa_wf_task_due ON oa_wf_task (tenant_id, status, due_at);
CREATE INDEX oa_wf_task_closed ON oa_wf_task (tenant_id, completed_at);

-- A proxy rule: new tasks of user_id in [starts_at, ends_at) go to proxy_id (all processes when process_keys is null).
CREATE TABLE oa_wf_proxy (
    id            ${id},
    tenant_id     VARCHAR(64)   NOT NULL,
    user_id       VARCHAR(64)   NOT NULL,
    proxy_id      VARCHAR(64)   NOT NULL,
    starts_at     ${ts}         NOT NULL,
    ends_at       ${ts}         NOT NULL,
    process_keys  VARCHAR(2000),
    created_by    VARCHAR(64)   NOT NULL,
    created_at    ${ts}         NOT NULL,
    revoked_at    ${ts}
);
CREATE INDEX oa_wf_proxy_user ON oa_wf_proxy (tenant_id, user_id, ends_at);

-- An absence (out of office) in [starts_at, ends_at).
CREATE TABLE oa_wf_absence (
    id            ${id},
    tenant_id     VARCHAR(64)   NOT NULL,
    user_id       VARCHAR(64)   NOT NULL,
    starts_at     ${ts}         NOT NULL,
    ends_at       ${ts}         NOT NULL,
    note          VARCHAR(500),
    created_by    VARCHAR(64)   NOT NULL,
    created_at    ${ts}         NOT NULL
);
CREATE INDEX oa_wf_absence_user ON oa_wf_absence (tenant_id, user_id, ends_at);

-- A handover: successor_id sees the instances user_id started.
CREATE TABLE oa_wf_handover (
    id            ${id},
    tenant_id     VARCHAR(64)   NOT NULL,
    user_id       VARCHAR(64)   NOT NULL,
    successor_id  VARCHAR(64)   NOT NULL,
    created_by    VARCHAR(64)   NOT NULL,
    created_at    ${ts}         NOT NULL
);
CREATE INDEX oa_wf_handover_successor ON oa_wf_handover (tenant_id, successor_id, user_id);

-- statistics per process and period
CREATE INDEX oa_wf_instance_started ON oa_wf_instance (tenant_id, started_at);
CREATE INDEX oa_wf_instance_ended ON oa_wf_instance (tenant_id, ended_at);
