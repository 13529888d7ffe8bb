-- Residents and households (实有人口). Names, ID numbers, phones and addresses are stored sealed
-- (privacy::Keyring); ID numbers and phones also as blind indexes for exact search. Dates are
-- YYYY-MM-DD (China), times format_timestamp text (UTC).

-- A household lives in a grid (grid_code) of a village or community (unit_code, kept with it so
-- that scoped lists read one indexed column).
CREATE TABLE resident_household (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  grid_code TEXT NOT NULL REFERENCES org_unit (code),
  address_sealed TEXT NOT NULL,
  lat_e7 INTEGER,
  lon_e7 INTEGER,
  household_type TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX resident_household_unit ON resident_household (unit_code, id);
CREATE INDEX resident_household_grid ON resident_household (grid_code, id);

-- A person. unit_code and grid_code are those of the current household, or of the last one once
-- the person has moved away (moved_out set), so that the last unit's staff still find them.
-- sex and birth_date come from the ID number. anonymised_at: identity dropped (PIPL), counts kept.
CREATE TABLE resident_person (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  grid_code TEXT NOT NULL REFERENCES org_unit (code),
  household_id BIGINT REFERENCES resident_household (id),
  name_sealed TEXT,
  id_number_sealed TEXT,
  id_number_index TEXT,
  phone_sealed TEXT,
  phone_index TEXT,
  sex TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  ethnicity TEXT NOT NULL,
  registration TEXT NOT NULL,
  moved_out TEXT,
  anonymised_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE UNIQUE INDEX resident_person_id_number ON resident_person (id_number_index);
CREATE INDEX resident_person_phone ON resident_person (phone_index);
CREATE INDEX resident_person_unit ON resident_person (unit_code, id);
CREATE INDEX resident_person_grid ON resident_person (grid_code, id);
CREATE INDEX resident_person_household ON resident_person (household_id);

-- Who lived in which household, when, as what: the history of moves. moved_out NULL: still there.
CREATE TABLE resident_membership (
  id @AUTO_ID@,
  person_id BIGINT NOT NULL REFERENCES resident_person (id),
  household_id BIGINT NOT NULL REFERENCES resident_household (id),
  relation TEXT NOT NULL,
  moved_in TEXT NOT NULL,
  moved_out TEXT
);
CREATE INDEX resident_membership_person ON resident_membership (person_id, moved_in);
CREATE INDEX resident_membership_household ON resident_membership (household_id, moved_out);

-- A person's tags (特困老人, 独居, 留守儿童, 残疾…); detail: a disability's kind and grade.
CREATE TABLE resident_tag (
  person_id BIGINT NOT NULL REFERENCES resident_person (id),
  tag TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (person_id, tag)
);
CREATE INDEX resident_tag_tag ON resident_tag (tag, person_id);
