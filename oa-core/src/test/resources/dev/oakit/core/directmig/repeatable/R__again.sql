CREATE TABLE oa_dm_r (id INT);
