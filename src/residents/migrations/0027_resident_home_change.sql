-- Where people live changed: a stay began or ended (a person registered, moved in or away, a
-- register imported). Every server follows this log (storage::change_mark) to take the located
-- households, with how many live in each, into the fifteen-minute circle as its homes. One entry
-- per change of one household's members, or per imported register and unit.
CREATE TABLE resident_home_change (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code)
);
