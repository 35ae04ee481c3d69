-- Every mapping version ever used, with its document: a payload records its mapping version, and this is what that version said.
-- Installation-wide (mapping documents ship with the code, not per tenant).
CREATE TABLE oa_int_mapping_version (
    mapping_id     VARCHAR(64)  NOT NULL,
    version        INT          NOT NULL,
    checksum       VARCHAR(64)  NOT NULL,
    source         VARCHAR(500) NOT NULL,
    document       ${text}      NOT NULL,
    registered_at  ${ts}        NOT NULL,
    PRIMARY KEY (mapping_id, version)
);
