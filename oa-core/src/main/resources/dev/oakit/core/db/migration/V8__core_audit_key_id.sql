-- The HMAC key an entry was sealed with (core.audit.keys), so keys can rotate: NULL for plain SHA-256.
ALTER TABLE oa_core_audit ADD COLUMN key_id VARCHAR(64);
