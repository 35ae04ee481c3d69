-- a default and a value holding semicolons; comments too
CREATE TABLE oa_dm_one (
    id   ${id},
    note VARCHAR(100) DEFAULT 'a;b' NOT NULL, /* not; the end */
    at   ${ts}
);
CREATE INDEX oa_dm_one_note ON oa_dm_one (note);
INSERT INTO oa_dm_one (note, at) VALUES ('it''s; fine', TIMESTAMP '2026-01-01 00:00:00');
