-- OAKit approvals, queries: the unread count of "cc'd to me" (workbench) is one index range.
CREATE INDEX oa_wf_cc_unread ON oa_wf_cc (tenant_id, user_id, read_at);
