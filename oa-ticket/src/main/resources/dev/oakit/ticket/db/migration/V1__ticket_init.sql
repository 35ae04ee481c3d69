-- OAKit tickets (work orders): numbers, catalog, queues, tickets and their history.

-- one counter row per tenant and year; the create command locks it, so numbers never repeat
CREATE TABLE oa_tk_counter (
    tenant_id   VARCHAR(64) NOT NULL,
    yr          INT         NOT NULL,
    last_value  BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, yr)
);

CREATE TABLE oa_tk_type (
    id                ${id},
    tenant_id         VARCHAR(64)  NOT NULL,
    type_key          VARCHAR(64)  NOT NULL,
    name              VARCHAR(200) NOT NULL,
    form              ${text},
    lifecycle         ${text}      NOT NULL,
    default_queue     VARCHAR(64),
    default_priority  VARCHAR(16)  NOT NULL,
    updated_at        ${ts}        NOT NULL
);
CREATE UNIQUE INDEX oa_tk_type_key ON oa_tk_type (tenant_id, type_key);

CREATE TABLE oa_tk_category (
    id          ${id},
    tenant_id   VARCHAR(64)  NOT NULL,
    cat_key     VARCHAR(64)  NOT NULL,
    parent_key  VARCHAR(64),
    name        VARCHAR(200) NOT NULL,
    active      ${bool}      NOT NULL
);
CREATE UNIQUE INDEX oa_tk_category_key ON oa_tk_category (tenant_id, cat_key);

CREATE TABLE oa_tk_queue (
    id          ${id},
    tenant_id   VARCHAR(64)  NOT NULL,
    queue_key   VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    calendar    VARCHAR(64),
    active      ${bool}      NOT NULL
);
CREATE UNIQUE INDEX oa_tk_queue_key ON oa_tk_queue (tenant_id, queue_key);

CREATE TABLE oa_tk_queue_member (
    id          ${id},
    tenant_id   VARCHAR(64) NOT NULL,
    queue_key   VARCHAR(64) NOT NULL,
    user_id     VARCHAR(64) NOT NULL,
    dispatcher  ${bool}     NOT NULL
);
CREATE UNIQUE INDEX oa_tk_queue_member_key ON oa_tk_queue_member (tenant_id, queue_key, user_id);
CREATE INDEX oa_tk_queue_member_user ON oa_tk_queue_member (tenant_id, user_id);

CREATE TABLE oa_tk_agent (
    id          ${id},
    tenant_id   VARCHAR(64)   NOT NULL,
    user_id     VARCHAR(64)   NOT NULL,
    skills      VARCHAR(2000) NOT NULL,
    capacity    INT           NOT NULL,
    on_duty     ${bool}       NOT NULL,
    calendar    VARCHAR(64)
);
CREATE UNIQUE INDEX oa_tk_agent_user ON oa_tk_agent (tenant_id, user_id);

CREATE TABLE oa_tk_ticket (
    id              ${id},
    tenant_id       VARCHAR(64)   NOT NULL,
    number          VARCHAR(40)   NOT NULL,
    type_key        VARCHAR(64)   NOT NULL,
    title           VARCHAR(200)  NOT NULL,
    description     ${text},
    category_key    VARCHAR(64),
    priority        VARCHAR(16)   NOT NULL,
    channel         VARCHAR(32)   NOT NULL,
    requester_id    VARCHAR(64),
    contact_name    VARCHAR(200),
    contact_email   VARCHAR(254),
    customer_ref    VARCHAR(128),
    queue_key       VARCHAR(64)   NOT NULL,
    assignee_id     VARCHAR(64),
    state           VARCHAR(32)   NOT NULL,
    state_kind      VARCHAR(16)   NOT NULL,
    overdue         ${bool}       NOT NULL,
    parent_id       BIGINT,
    merged_into     BIGINT,
    sla_policy      VARCHAR(64),
    due_at          ${ts},
    fields          ${text}       NOT NULL,
    tags            VARCHAR(2000) NOT NULL,
    attachments     ${text}       NOT NULL,
    resolutions     INT           NOT NULL,
    row_version     INT           NOT NULL,
    created_by      VARCHAR(64)   NOT NULL,
    created_at      ${ts}         NOT NULL,
    updated_at      ${ts}         NOT NULL,
    resolved_at     ${ts},
    closed_at       ${ts}
);
CREATE UNIQUE INDEX oa_tk_ticket_number ON oa_tk_ticket (tenant_id, number);
-- the queue view and the workbench counts: one indexed range per queue / assignee / requester
CREATE INDEX oa_tk_ticket_queue ON oa_tk_ticket (tenant_id, queue_key, state_kind, created_at);
CREATE INDEX oa_tk_ticket_assignee ON oa_tk_ticket (tenant_id, assignee_id, state_kind);
CREATE INDEX oa_tk_ticket_requester ON oa_tk_ticket (tenant_id, requester_id, state_kind);
CREATE INDEX oa_tk_ticket_parent ON oa_tk_ticket (tenant_id, parent_id);

CREATE TABLE oa_tk_tag (
    tenant_id  VARCHAR(64) NOT NULL,
    ticket_id  BIGINT      NOT NULL,
    tag        VARCHAR(64) NOT NULL,
    PRIMARY KEY (ticket_id, tag)
);
CREATE INDEX oa_tk_tag_tag ON oa_tk_tag (tenant_id, tag);

CREATE TABLE oa_tk_watcher (
    tenant_id  VARCHAR(64) NOT NULL,
    ticket_id  BIGINT      NOT NULL,
    user_id    VARCHAR(64) NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX oa_tk_watcher_user ON oa_tk_watcher (tenant_id, user_id);

-- the history: every change, reply and note; the SLA clock replays the first ten kinds
CREATE TABLE oa_tk_event (
    id          ${id},
    tenant_id   VARCHAR(64)   NOT NULL,
    ticket_id   BIGINT        NOT NULL,
    kind        VARCHAR(32)   NOT NULL,
    actor_id    VARCHAR(64)   NOT NULL,
    action      VARCHAR(32),
    from_state  VARCHAR(32),
    to_state    VARCHAR(32),
    body        ${text},
    internal    ${bool}       NOT NULL,
    detail      ${text},
    at          ${ts}         NOT NULL
);
CREATE INDEX oa_tk_event_ticket ON oa_tk_event (ticket_id, id);

CREATE TABLE oa_tk_link (
    id          ${id},
    tenant_id   VARCHAR(64) NOT NULL,
    from_id     BIGINT      NOT NULL,
    to_id       BIGINT      NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    created_by  VARCHAR(64) NOT NULL,
    created_at  ${ts}       NOT NULL
);
CREATE UNIQUE INDEX oa_tk_link_key ON oa_tk_link (tenant_id, from_id, to_id, kind);
CREATE INDEX oa_tk_link_to ON oa_tk_link (tenant_id, to_id);

CREATE TABLE oa_tk_time (
    id          ${id},
    tenant_id   VARCHAR(64)   NOT NULL,
    ticket_id   BIGINT        NOT NULL,
    user_id     VARCHAR(64)   NOT NULL,
    minutes     INT           NOT NULL,
    work_date   DATE          NOT NULL,
    note        VARCHAR(2000),
    logged_at   ${ts}         NOT NULL
);
CREATE INDEX oa_tk_time_ticket ON oa_tk_time (ticket_id);

CREATE TABLE oa_tk_rating (
    id          ${id},
    tenant_id   VARCHAR(64)   NOT NULL,
    ticket_id   BIGINT        NOT NULL,
    resolution  INT           NOT NULL,
    score       INT           NOT NULL,
    comment     VARCHAR(2000),
    rated_by    VARCHAR(64)   NOT NULL,
    rated_at    ${ts}         NOT NULL
);
CREATE UNIQUE INDEX oa_tk_rating_key ON oa_tk_rating (tenant_id, ticket_id, resolution);
