CREATE TABLE oa_sample_note (
    id         ${id},
    tenant_id  VARCHAR(64)  NOT NULL,
    text       VARCHAR(200) NOT NULL,
    created_at ${ts}        NOT NULL
);
CREATE TABLE oa_sample_seen (
    id         ${id},
    tenant_id  VARCHAR(64)  NOT NULL,
    what       VARCHAR(200) NOT NULL
);
