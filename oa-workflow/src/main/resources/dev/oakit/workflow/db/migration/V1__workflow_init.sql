-- OAKit approvals: definitions, instances, tasks, history, cc.
CREATE TABLE oa_wf_definition (
    id            ${id},
    tenant_id     VARCHAR(64)  NOT NULL,
    def_key       VARCHAR(64)  NOT NULL,
    version       INT          NOT NULL,
    name          VARCHAR(200),
    content       ${text}      NOT NULL,
    content_hash  VARCHAR(64)  NOT NULL,
    deployed_at   ${ts}        NOT NULL,
    deployed_by   VARCHAR(64)  NOT NULL
);
CREATE UNIQUE INDEX oa_wf_definition_key ON oa_wf_definition (tenant_id, def_key, version);

CREATE TABLE oa_wf_instance (
    id             ${id},
    tenant_id      VARCHAR(64)  NOT NULL,
    definition_id  BIGINT       NOT NULL,
    def_key        VARCHAR(64)  NOT NULL,
    def_version    INT          NOT NULL,
    title          VARCHAR(200) NOT NULL,
    business_key   VARCHAR(128),
    initiator_id   VARCHAR(64)  NOT NULL,
    status         VARCHAR(24)  NOT NULL,
    priority       VARCHAR(16)  NOT NULL,
    form           ${text}      NOT NULL,
    state          ${text}      NOT NULL,
    parent_id      BIGINT,
    parent_node    VARCHAR(64),
    row_version    INT          NOT NULL,
    started_at     ${ts}        NOT NULL,
    ended_at       ${ts},
    updated_at     ${ts}        NOT NULL
);
CREATE INDEX oa_wf_instance_initiator ON oa_wf_instance (tenant_id, initiator_id, started_at);
CREATE INDEX oa_wf_instance_status ON oa_wf_instance (tenant_id, status, def_key);

CREATE TABLE oa_wf_task (
    id            ${id},
    tenant_id     VARCHAR(64)   NOT NULL,
    instance_id   BIGINT        NOT NULL,
    node_id       VARCHAR(64)   NOT NULL,
    node_name     VARCHAR(200),
    round         INT           NOT NULL,
    seq           INT           NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    waiting_for   BIGINT,
    assignee_id   VARCHAR(64)   NOT NULL,
    owner_id      VARCHAR(64),
    status        VARCHAR(16)   NOT NULL,
    outcome       VARCHAR(24),
    def_key       VARCHAR(64)   NOT NULL,
    title         VARCHAR(200)  NOT NULL,
    initiator_id  VARCHAR(64)   NOT NULL,
    acted_by      VARCHAR(64),
    comment       VARCHAR(2000),
    created_at    ${ts}         NOT NULL,
    completed_at  ${ts}
);
-- the todo list: one indexed range per assignee
CREATE INDEX oa_wf_task_todo ON oa_wf_task (tenant_id, assignee_id, status, created_at);
CREATE INDEX oa_wf_task_instance ON oa_wf_task (instance_id, status);
CREATE INDEX oa_wf_task_done ON oa_wf_task (tenant_id, acted_by, completed_at);

CREATE TABLE oa_wf_history (
    id            ${id},
    tenant_id     VARCHAR(64)   NOT NULL,
    instance_id   BIGINT        NOT NULL,
    task_id       BIGINT,
    node_id       VARCHAR(64),
    action        VARCHAR(32)   NOT NULL,
    actor_id      VARCHAR(64)   NOT NULL,
    on_behalf_of  VARCHAR(64),
    comment       VARCHAR(2000),
    detail        VARCHAR(2000),
    at            ${ts}         NOT NULL
);
CREATE INDEX oa_wf_history_instance ON oa_wf_history (instance_id, id);

CREATE TABLE oa_wf_cc (
    id           ${id},
    tenant_id    VARCHAR(64)  NOT NULL,
    instance_id  BIGINT       NOT NULL,
    node_id      VARCHAR(64)  NOT NULL,
    user_id      VARCHAR(64)  NOT NULL,
    created_at   ${ts}        NOT NULL,
    read_at      ${ts}
);
CREATE INDEX oa_wf_cc_user ON oa_wf_cc (tenant_id, user_id, created_at);
