-- Deal approvals: one row per version of a CRM record sent for approval (a quote's discount, a
-- contract) that OAKit runs an approval for, with where its decision stands. A record changed in
-- the CRM and approved again is a new row of the new version.
CREATE TABLE oa_crm_deal_request (
    tenant_id     VARCHAR(64)   NOT NULL,
    target        VARCHAR(64)   NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    request_id    VARCHAR(191)  NOT NULL,
    version       BIGINT        NOT NULL,
    instance_id   BIGINT        NOT NULL,
    title         VARCHAR(255)  NOT NULL,
    account_id    VARCHAR(191),
    status        VARCHAR(24)   NOT NULL,
    on_changed    VARCHAR(16),
    outcome       VARCHAR(16),
    requested_by  VARCHAR(255),
    reason        VARCHAR(2000),
    created_at    ${ts}         NOT NULL,
    updated_at    ${ts}         NOT NULL,
    PRIMARY KEY (tenant_id, target, kind, request_id, version)
);
CREATE UNIQUE INDEX oa_crm_deal_request_instance ON oa_crm_deal_request (tenant_id, instance_id);
CREATE INDEX oa_crm_deal_request_account ON oa_crm_deal_request (tenant_id, target, account_id);
