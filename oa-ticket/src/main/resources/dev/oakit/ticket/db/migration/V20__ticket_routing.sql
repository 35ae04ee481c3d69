-- Dispatch rules and SLA policies as JSON, the dispatch memory of agents, and the SLA columns of tickets.

-- one row per tenant: its dispatch rules (DispatchRules as JSON)
CREATE TABLE oa_tk_dispatch_rules (
    tenant_id   VARCHAR(64) NOT NULL,
    rules       ${text}     NOT NULL,
    updated_at  ${ts}       NOT NULL,
    PRIMARY KEY (tenant_id)
);

CREATE TABLE oa_tk_sla_policy (
    id          ${id},
    tenant_id   VARCHAR(64) NOT NULL,
    name        VARCHAR(64) NOT NULL,
    policy      ${text}     NOT NULL,
    updated_at  ${ts}       NOT NULL
);
CREATE UNIQUE INDEX oa_tk_sla_policy_name ON oa_tk_sla_policy (tenant_id, name);

-- when each agent last got a ticket (round-robin rotates on it)
CREATE TABLE oa_tk_agent_dispatch (
    tenant_id         VARCHAR(64) NOT NULL,
    user_id           VARCHAR(64) NOT NULL,
    last_assigned_at  ${ts}       NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

-- the SLA clock's answer after the ticket's last command, for queue views and overdue filters;
-- sla_timers holds the scheduled and the fired firings ({"scheduled": {key: instant}, "fired": [key]})
ALTER TABLE oa_tk_ticket ADD sla_first_response_due ${ts};
ALTER TABLE oa_tk_ticket ADD sla_resolution_due ${ts};
ALTER TABLE oa_tk_ticket ADD sla_breached ${bool} DEFAULT FALSE NOT NULL;
ALTER TABLE oa_tk_ticket ADD sla_timers ${text};
CREATE INDEX oa_tk_ticket_sla_due ON oa_tk_ticket (tenant_id, state_kind, sla_resolution_due);
