-- OAKit core: the organisation directory (users, departments, roles, positions, memberships).
-- Placeholders: ${ts} UTC timestamp, ${text} unbounded text, ${bool} boolean.
-- Ids are chosen by the host (they usually come from its own user tables or an HR system), so
-- every key is (tenant_id, id). References are checked by the commands, not by foreign keys,
-- so that an import can name a manager that the same file creates a few rows later.

CREATE TABLE oa_core_user (
    tenant_id   VARCHAR(64)   NOT NULL,
    id          VARCHAR(64)   NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    email       VARCHAR(254),
    mobile      VARCHAR(32),
    manager_id  VARCHAR(64),
    active      ${bool}       NOT NULL,
    attributes  ${text}       NOT NULL,
    created_at  ${ts}         NOT NULL,
    updated_at  ${ts}         NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX oa_core_user_manager ON oa_core_user (tenant_id, manager_id);

-- external ids for single sign-on and ERP/CRM mapping: one id per user and system, unique per system
CREATE TABLE oa_core_user_external_id (
    tenant_id    VARCHAR(64)  NOT NULL,
    user_id      VARCHAR(64)  NOT NULL,
    ext_system   VARCHAR(64)  NOT NULL,
    external_id  VARCHAR(200) NOT NULL,
    PRIMARY KEY (tenant_id, user_id, ext_system)
);
CREATE UNIQUE INDEX oa_core_user_external ON oa_core_user_external_id (tenant_id, ext_system, external_id);

CREATE TABLE oa_core_department (
    tenant_id     VARCHAR(64)  NOT NULL,
    id            VARCHAR(64)  NOT NULL,
    parent_id     VARCHAR(64),
    name          VARCHAR(200) NOT NULL,
    head_user_id  VARCHAR(64),
    sort_order    INT          NOT NULL,
    created_at    ${ts}        NOT NULL,
    updated_at    ${ts}        NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX oa_core_department_parent ON oa_core_department (tenant_id, parent_id);

CREATE TABLE oa_core_role (
    tenant_id  VARCHAR(64)  NOT NULL,
    code       VARCHAR(64)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

CREATE TABLE oa_core_user_role (
    tenant_id  VARCHAR(64) NOT NULL,
    user_id    VARCHAR(64) NOT NULL,
    role_code  VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant_id, user_id, role_code)
);
-- "users with a role" (approver resolution) is served by this index
CREATE INDEX oa_core_user_role_role ON oa_core_user_role (tenant_id, role_code);

CREATE TABLE oa_core_position (
    tenant_id      VARCHAR(64)  NOT NULL,
    code           VARCHAR(64)  NOT NULL,
    name           VARCHAR(200) NOT NULL,
    position_rank  INT          NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

CREATE TABLE oa_core_membership (
    tenant_id      VARCHAR(64) NOT NULL,
    user_id        VARCHAR(64) NOT NULL,
    department_id  VARCHAR(64) NOT NULL,
    position_code  VARCHAR(64),
    is_primary     ${bool}     NOT NULL,
    created_at     ${ts}       NOT NULL,
    PRIMARY KEY (tenant_id, user_id, department_id)
);
-- "members of a department" is served by this index
CREATE INDEX oa_core_membership_department ON oa_core_membership (tenant_id, department_id);
