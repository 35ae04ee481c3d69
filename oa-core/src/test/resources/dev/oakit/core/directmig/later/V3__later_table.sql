CREATE TABLE oa_dm_three (id ${id});
