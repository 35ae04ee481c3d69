-- The ERP document of each process instance the bridge follows (a requisition's purchase order, an
-- expense claim's journal entry): one row per round (a withdrawn and resubmitted requisition orders
-- again with a new key), with where the document and its cancellation stand.
CREATE TABLE oa_erp_requisition (
    tenant_id    VARCHAR(64)   NOT NULL,
    instance_id  BIGINT        NOT NULL,
    round_no     INT           NOT NULL,
    target       VARCHAR(64)   NOT NULL,
    operation    VARCHAR(64)   NOT NULL,
    po_key       VARCHAR(191)  NOT NULL,
    status       VARCHAR(24)   NOT NULL,
    remote_id    VARCHAR(191),
    po_number    VARCHAR(140),
    po_link      VARCHAR(1000),
    reason       VARCHAR(64),
    last_error   VARCHAR(2000),
    created_at   ${ts}         NOT NULL,
    updated_at   ${ts}         NOT NULL,
    PRIMARY KEY (tenant_id, instance_id, round_no)
);
CREATE UNIQUE INDEX oa_erp_requisition_key ON oa_erp_requisition (tenant_id, target, po_key);
