-- How long a confirmed write took from its request to its confirmation, for the per-target statistics.
ALTER TABLE oa_int_write ADD confirm_ms BIGINT;
