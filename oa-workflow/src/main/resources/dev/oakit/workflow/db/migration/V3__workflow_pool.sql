-- Role pools: a pooled task has no assignee ('') until a candidate claims it.
CREATE TABLE oa_wf_candidate (
    id          ${id},
    tenant_id   VARCHAR(64)  NOT NULL,
    task_id     BIGINT       NOT NULL,
    user_id     VARCHAR(64)  NOT NULL
);
CREATE INDEX oa_wf_candidate_user ON oa_wf_candidate (tenant_id, user_id, task_id);
CREATE INDEX oa_wf_candidate_task ON oa_wf_candidate (task_id);
