-- Inbound deliveries already seen: by the sender's delivery id, or by entity and remote version when there is none.
CREATE TABLE oa_int_inbox_delivery (
    id              ${id},
    tenant_id       VARCHAR(64)  NOT NULL,
    system_id       VARCHAR(64)  NOT NULL,
    delivery_key    VARCHAR(191) NOT NULL,
    entity_type     VARCHAR(64)  NOT NULL,
    entity_id       VARCHAR(191) NOT NULL,
    remote_version  BIGINT,
    outcome         VARCHAR(16)  NOT NULL,
    payload         ${text},
    received_at     ${ts}        NOT NULL
);
CREATE UNIQUE INDEX oa_int_inbox_delivery_key ON oa_int_inbox_delivery (tenant_id, system_id, delivery_key);

-- The newest remote version accepted for each remote record.
CREATE TABLE oa_int_inbox_entity (
    id              ${id},
    tenant_id       VARCHAR(64)  NOT NULL,
    system_id       VARCHAR(64)  NOT NULL,
    entity_type     VARCHAR(64)  NOT NULL,
    entity_id       VARCHAR(191) NOT NULL,
    remote_version  BIGINT       NOT NULL,
    updated_at      ${ts}        NOT NULL
);
CREATE UNIQUE INDEX oa_int_inbox_entity_key ON oa_int_inbox_entity (tenant_id, system_id, entity_type, entity_id);
