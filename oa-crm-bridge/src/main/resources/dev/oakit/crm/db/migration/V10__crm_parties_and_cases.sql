-- The CRM's accounts and contacts as OAKit knows them: synced from the CRM's feeds, or created in OAKit
-- (a contact from an e-mail ticket) and upserted into the CRM by party_key. The ID map links each to the
-- CRM's record; external_id is a copy for the indexed look-ups below.
CREATE TABLE oa_crm_party (
    tenant_id    VARCHAR(64)   NOT NULL,
    local_id     VARCHAR(64)   NOT NULL,
    target       VARCHAR(64)   NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    external_id  VARCHAR(191),
    party_key    VARCHAR(191),
    account_id   VARCHAR(191),
    name         VARCHAR(255)  NOT NULL,
    email        VARCHAR(254),
    phone        VARCHAR(40),
    version      BIGINT        NOT NULL,
    updated_at   ${ts}         NOT NULL,
    PRIMARY KEY (tenant_id, local_id)
);
CREATE UNIQUE INDEX oa_crm_party_external ON oa_crm_party (tenant_id, target, kind, external_id);
CREATE UNIQUE INDEX oa_crm_party_key ON oa_crm_party (tenant_id, target, party_key);
CREATE INDEX oa_crm_party_email ON oa_crm_party (tenant_id, target, kind, email);
-- A CRM case handled as a ticket, for the status rule: the status last read from the CRM (and its version), the
-- ticket's state then, and the status OAKit wrote since (null when it wrote none since that read).
CREATE TABLE oa_crm_case (
    tenant_id     VARCHAR(64)   NOT NULL,
    target        VARCHAR(64)   NOT NULL,
    case_id       VARCHAR(191)  NOT NULL,
    ticket_id     BIGINT        NOT NULL,
    crm_status    VARCHAR(64)   NOT NULL,
    crm_version   BIGINT        NOT NULL,
    ticket_state  VARCHAR(64)   NOT NULL,
    oakit_status  VARCHAR(64),
    updated_at    ${ts}         NOT NULL,
    PRIMARY KEY (tenant_id, target, case_id)
);
CREATE UNIQUE INDEX oa_crm_case_ticket ON oa_crm_case (tenant_id, ticket_id);
