-- Request budgets: calls made to a remote target in one window, counted by every node.
CREATE TABLE oa_int_budget (
    tenant_id     VARCHAR(64) NOT NULL,
    target        VARCHAR(64) NOT NULL,
    window_start  BIGINT      NOT NULL,
    used          INT         NOT NULL,
    PRIMARY KEY (tenant_id, target, window_start)
);
