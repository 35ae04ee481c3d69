-- A pulled page looks up its records' stored versions, ID-map links and our writes by remote id with one IN list.
-- An index that starts with the looked-up column serves such a list on every database (H2 uses an IN list only on
-- an index's first column; with the unique indexes alone it scans every record of the system and entity type).
CREATE INDEX oa_int_inbox_entity_id ON oa_int_inbox_entity (entity_id);
CREATE INDEX oa_int_id_link_external_id ON oa_int_id_link (external_id);
CREATE INDEX oa_int_write_remote_id ON oa_int_write (remote_id);
CREATE INDEX oa_int_write_key_only ON oa_int_write (write_key);
