-- How many people a facility takes (可容纳人数): required of an emergency shelter, which the
-- shelter assignment fills up to it; NULL where nobody entered it.
ALTER TABLE facility ADD COLUMN capacity BIGINT;
