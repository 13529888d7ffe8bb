-- The base figures of a village or community by year that the plan's indicators divide by
-- (households, resident and urban resident population, total community building area, childcare
-- places), entered by the unit's staff or imported; and every change of them, with who, when,
-- before and after (JSON as the API shows them; before is NULL for the first entry).
CREATE TABLE unit_figure (
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  year INTEGER NOT NULL,
  households BIGINT NOT NULL,
  residents BIGINT NOT NULL,
  urban_residents BIGINT NOT NULL,
  building_area DOUBLE PRECISION NOT NULL,
  childcare_places BIGINT NOT NULL,
  childcare_affordable BIGINT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (unit_code, year)
);

CREATE TABLE unit_figure_change (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  changed_at TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT NOT NULL
);
CREATE INDEX unit_figure_change_unit ON unit_figure_change (unit_code, year, id);
