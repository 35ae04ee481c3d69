-- OAKit ticket reports (issue 5 §7): per-ticket figures recorded when they become known, so the
-- reports aggregate them in SQL. Days are local days of the desk's calendar zone (ticket.calendar);
-- durations are working seconds on the calendar of the ticket's queue.

-- one row per ticket; queue, type and category copy the ticket's (kept in step on every change)
CREATE TABLE oa_tk_metric (
    ticket_id            BIGINT       NOT NULL PRIMARY KEY,
    tenant_id            VARCHAR(64)  NOT NULL,
    queue_key            VARCHAR(64)  NOT NULL,
    type_key             VARCHAR(64)  NOT NULL,
    category_key         VARCHAR(64),
    created_at           ${ts}        NOT NULL,
    created_day          DATE         NOT NULL,
    created_week         DATE         NOT NULL,
    first_response_at    ${ts},
    first_response_day   DATE,
    first_response_secs  BIGINT,
    first_responder      VARCHAR(64),
    resolved_at          ${ts},
    resolved_day         DATE,
    resolved_week        DATE,
    resolution_secs      BIGINT,
    resolved_by          VARCHAR(64),
    closed_at            ${ts},
    reopened             INT          NOT NULL
);
CREATE INDEX oa_tk_metric_created ON oa_tk_metric (tenant_id, created_day, queue_key);
CREATE INDEX oa_tk_metric_created_week ON oa_tk_metric (tenant_id, created_week);
CREATE INDEX oa_tk_metric_resolved ON oa_tk_metric (tenant_id, resolved_day, queue_key);
CREATE INDEX oa_tk_metric_resolved_week ON oa_tk_metric (tenant_id, resolved_week);
CREATE INDEX oa_tk_metric_response ON oa_tk_metric (tenant_id, first_response_day, queue_key);
-- medians and p90: the value at a rank is read in index order (per queue and over all queues), the day filtered on the index entry
CREATE INDEX oa_tk_metric_response_rank ON oa_tk_metric (tenant_id, queue_key, first_response_secs, first_response_day);
CREATE INDEX oa_tk_metric_response_all ON oa_tk_metric (tenant_id, first_response_secs, first_response_day);
CREATE INDEX oa_tk_metric_resolution_rank ON oa_tk_metric (tenant_id, queue_key, resolution_secs, resolved_day);
CREATE INDEX oa_tk_metric_resolution_all ON oa_tk_metric (tenant_id, resolution_secs, resolved_day);

-- every assignment (派单, 抢单, 转派), for "assigned" per agent
CREATE TABLE oa_tk_metric_assign (
    id          ${id},
    tenant_id   VARCHAR(64) NOT NULL,
    ticket_id   BIGINT      NOT NULL,
    agent_id    VARCHAR(64) NOT NULL,
    assigned_at   ${ts}     NOT NULL,
    assigned_day  DATE      NOT NULL
);
CREATE INDEX oa_tk_metric_assign_day ON oa_tk_metric_assign (tenant_id, assigned_day, agent_id);

-- the outcome of each SLA target of a ticket: from the SLA clock (origin 'sla') or, without one,
-- resolution against the ticket's due time (origin 'due'); an 'sla' outcome is never overwritten by 'due'
CREATE TABLE oa_tk_metric_sla (
    tenant_id   VARCHAR(64) NOT NULL,
    ticket_id   BIGINT      NOT NULL,
    target      VARCHAR(32) NOT NULL,
    breached    ${bool}     NOT NULL,
    due_at      ${ts},
    known_at    ${ts}       NOT NULL,
    known_day   DATE        NOT NULL,
    origin      VARCHAR(16) NOT NULL,
    PRIMARY KEY (ticket_id, target)
);
CREATE INDEX oa_tk_metric_sla_day ON oa_tk_metric_sla (tenant_id, known_day);

-- report reads on the tables of V1: open tickets by age and by assignee, time and ratings by date
CREATE INDEX oa_tk_ticket_open_age ON oa_tk_ticket (tenant_id, state_kind, created_at);
CREATE INDEX oa_tk_ticket_open_assignee ON oa_tk_ticket (tenant_id, state_kind, assignee_id);
CREATE INDEX oa_tk_time_day ON oa_tk_time (tenant_id, work_date);
CREATE INDEX oa_tk_rating_day ON oa_tk_rating (tenant_id, rated_at);
