-- The sync reads the stored versions of a page's records by `external_id IN (...)`. PostgreSQL and MariaDB find
-- them through the primary key. H2 uses an index for an IN list only on the index's first column, yet costs the
-- primary key as if it could, so it scanned every record of the kind for each page (a first sync of 100,000 records
-- read 100,000 rows 200 times). This index starts with external_id and holds every column the read needs, which H2
-- prices lower than the primary key; the others may use it too.
CREATE INDEX oa_erp_master_external ON oa_erp_master (external_id, tenant_id, target, kind, version);
