-- Channels (docs/ticket-channels.md): mail and webhook intake.

-- every mail message OAKit has seen, in and out; the unique (tenant, message id) makes a message
-- delivered twice (or fetched by two pollers) open at most one ticket, and lets replies thread
CREATE TABLE oa_tk_mail (
    id           ${id},
    tenant_id    VARCHAR(64)   NOT NULL,
    message_id   VARCHAR(255)  NOT NULL,
    direction    VARCHAR(3)    NOT NULL,
    mailbox      VARCHAR(64),
    ticket_id    BIGINT,
    outcome      VARCHAR(16)   NOT NULL,
    address      VARCHAR(254),  -- the sender of a mail in, the recipient of a mail out
    subject      VARCHAR(1000),
    body         ${text},
    detail       ${text},
    received_at  ${ts}         NOT NULL
);
CREATE UNIQUE INDEX oa_tk_mail_message ON oa_tk_mail (tenant_id, message_id);
CREATE INDEX oa_tk_mail_ticket ON oa_tk_mail (tenant_id, ticket_id);

-- how far each mailbox has been read: IMAP UIDs only grow while the folder's UIDVALIDITY stays
CREATE TABLE oa_tk_mail_cursor (
    tenant_id     VARCHAR(64) NOT NULL,
    mailbox       VARCHAR(64) NOT NULL,
    uid_validity  BIGINT      NOT NULL,
    last_uid      BIGINT      NOT NULL,
    polled_at     ${ts}       NOT NULL,
    PRIMARY KEY (tenant_id, mailbox)
);

-- webhook / IM deliveries already taken, by the source's own id
CREATE TABLE oa_tk_webhook_ref (
    id           ${id},
    tenant_id    VARCHAR(64)  NOT NULL,
    source       VARCHAR(64)  NOT NULL,
    external_id  VARCHAR(255) NOT NULL,
    ticket_id    BIGINT       NOT NULL,
    outcome      VARCHAR(16)  NOT NULL,
    received_at  ${ts}        NOT NULL
);
CREATE UNIQUE INDEX oa_tk_webhook_ref_key ON oa_tk_webhook_ref (tenant_id, source, external_id);
