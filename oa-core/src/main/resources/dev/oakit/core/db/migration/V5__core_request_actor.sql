-- A repeated request id is the same request only for the same actor and target.
ALTER TABLE oa_core_request ADD COLUMN actor_id VARCHAR(64);
ALTER TABLE oa_core_request ADD COLUMN target VARCHAR(200);
