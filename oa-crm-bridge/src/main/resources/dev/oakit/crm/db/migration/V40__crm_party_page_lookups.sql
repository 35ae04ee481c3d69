-- A pulled page of accounts or contacts looks its parties up by CRM id, and by key, with one IN list each. An index
-- that starts with that column serves such a list on every database (H2 uses an IN list only on an index's first column).
CREATE INDEX oa_crm_party_external_id ON oa_crm_party (external_id);
CREATE INDEX oa_crm_party_key_only ON oa_crm_party (party_key);
