-- Emergency readiness: the emergency supplies (应急物资) a county, township, village or community
-- keeps in store, with their expiry dates, and the emergency drills (应急演练) it plans and holds.
-- Dates are China dates, YYYY-MM-DD; times are format_timestamp text (UTC).

-- A kind of item in one unit's store. category: the key of the supplies' categories (food, water,
-- medicine, ...). quantity counts `measure` (箱, 顶, 件); 0 once used up. expires_on: NULL when
-- the item does not expire. Removing an item deletes its row; the audit log keeps its history.
CREATE TABLE readiness_supply (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  quantity BIGINT NOT NULL,
  measure TEXT NOT NULL,
  place TEXT NOT NULL,
  expires_on TEXT,
  note TEXT NOT NULL,
  updated_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX readiness_supply_unit ON readiness_supply (unit_code, category, name);
CREATE INDEX readiness_supply_expiry ON readiness_supply (expires_on, id);

-- A drill, planned (a date that may lie ahead) or held (done). scenario: the key of the drills'
-- scenarios (fire, earthquake, flood, evacuation, gas, other); participants: people taking part.
CREATE TABLE readiness_drill (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  held_on TEXT NOT NULL,
  status TEXT NOT NULL,
  scenario TEXT NOT NULL,
  description TEXT NOT NULL,
  participants BIGINT NOT NULL,
  place TEXT NOT NULL,
  summary TEXT NOT NULL,
  updated_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX readiness_drill_unit ON readiness_drill (unit_code, held_on);
CREATE INDEX readiness_drill_date ON readiness_drill (held_on, id);
