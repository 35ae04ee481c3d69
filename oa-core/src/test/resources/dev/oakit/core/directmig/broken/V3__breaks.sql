-- the second statement fails: its table does not exist
CREATE TABLE oa_dm_half (id ${id});
INSERT INTO oa_dm_missing VALUES (1);
