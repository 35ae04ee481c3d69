-- The state of each mapping version against its remote's metadata, per tenant: quarantined or passed, with the report.
CREATE TABLE oa_int_mapping_state (
    tenant_id    VARCHAR(64)  NOT NULL,
    mapping_id   VARCHAR(64)  NOT NULL,
    version      INT          NOT NULL,
    quarantined  ${bool}      NOT NULL,
    issues       ${text},
    since        ${ts}        NOT NULL,
    checked_at   ${ts}        NOT NULL,
    PRIMARY KEY (tenant_id, mapping_id, version)
);
