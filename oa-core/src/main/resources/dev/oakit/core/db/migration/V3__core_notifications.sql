-- OAKit core notifications: rendered notifications, their deliveries (one per recipient and
-- channel, each delivered by one durable job) and per-user channel preferences.
-- Placeholders: ${ts} UTC timestamp, ${text} unbounded text, ${id} auto-increment primary key, ${bool}.

CREATE TABLE oa_core_notification (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64)   NOT NULL,
    template_key  VARCHAR(100)  NOT NULL,
    locale        VARCHAR(35)   NOT NULL,
    subject       VARCHAR(1000) NOT NULL,
    body          ${text}       NOT NULL,
    html          ${text},
    created_by    VARCHAR(64)   NOT NULL,
    created_at    ${ts}         NOT NULL
);

-- status is PENDING or SENT here; FAILED and DEAD are read from the delivery's job
CREATE TABLE oa_core_notify_delivery (
    id               ${id},
    tenant_id        VARCHAR(64)  NOT NULL,
    notification_id  VARCHAR(36)  NOT NULL,
    recipient_id     VARCHAR(64),
    channel          VARCHAR(64)  NOT NULL,
    address          VARCHAR(320),
    status           VARCHAR(16)  NOT NULL,
    job_id           BIGINT,
    created_at       ${ts}        NOT NULL,
    sent_at          ${ts}
);
CREATE INDEX oa_core_notify_delivery_notification ON oa_core_notify_delivery (tenant_id, notification_id);
-- "my notifications": a recipient's deliveries, newest first
CREATE INDEX oa_core_notify_delivery_recipient ON oa_core_notify_delivery (tenant_id, recipient_id, id);

-- template_key is a template key or '*' for every template without its own preference
CREATE TABLE oa_core_notify_pref (
    tenant_id     VARCHAR(64)   NOT NULL,
    user_id       VARCHAR(64)   NOT NULL,
    template_key  VARCHAR(100)  NOT NULL,
    channels      VARCHAR(1000) NOT NULL,
    enabled       ${bool}       NOT NULL,
    updated_at    ${ts}         NOT NULL,
    PRIMARY KEY (tenant_id, user_id, template_key)
);
