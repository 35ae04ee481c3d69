ALTER TABLE oa_dm_one ADD COLUMN flag ${bool} DEFAULT FALSE NOT NULL;
CREATE TABLE "oa_dm_two" (
    id     ${id},
    one_id BIGINT NOT NULL REFERENCES oa_dm_one (id),
    body   ${text}
);
-- trailing comment, no statement
