-- The ID map: which OAKit id is which record of another system, unique both ways per system and entity type.
CREATE TABLE oa_int_id_link (
    id           ${id},
    tenant_id    VARCHAR(64)  NOT NULL,
    system_id    VARCHAR(64)  NOT NULL,
    entity_type  VARCHAR(64)  NOT NULL,
    external_id  VARCHAR(191) NOT NULL,
    local_id     VARCHAR(128) NOT NULL,
    linked_at    ${ts}        NOT NULL
);
CREATE UNIQUE INDEX oa_int_id_link_external ON oa_int_id_link (tenant_id, system_id, entity_type, external_id);
CREATE UNIQUE INDEX oa_int_id_link_local ON oa_int_id_link (tenant_id, system_id, entity_type, local_id);
-- every system's id of one local record
CREATE INDEX oa_int_id_link_by_local ON oa_int_id_link (tenant_id, entity_type, local_id);

-- what happened to links: linked, unlinked, moved by a merge or a split, removed by a merge
CREATE TABLE oa_int_id_history (
    id           ${id},
    tenant_id    VARCHAR(64)  NOT NULL,
    action       VARCHAR(16)  NOT NULL,
    system_id    VARCHAR(64)  NOT NULL,
    entity_type  VARCHAR(64)  NOT NULL,
    external_id  VARCHAR(191) NOT NULL,
    from_local   VARCHAR(128),
    to_local     VARCHAR(128),
    actor_id     VARCHAR(64)  NOT NULL,
    at           ${ts}        NOT NULL
);
CREATE INDEX oa_int_id_history_from ON oa_int_id_history (tenant_id, entity_type, from_local);
CREATE INDEX oa_int_id_history_to ON oa_int_id_history (tenant_id, entity_type, to_local);
