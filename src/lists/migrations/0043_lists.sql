-- The three lists of a community (三项清单), first two of them: residents' needs (需求清单) and the
-- service resources that can meet them (资源清单), and the matches staff confirm between them,
-- followed up to an outcome. Times are format_timestamp text (UTC); points WGS 84 degrees × 10^7.

-- A need of a village's or community's residents (or of one grid's): its category from the
-- catalogue shared with resources, urgency, where it is (optional), the daily hours it can be met
-- (from_hour included, to_hour excluded) and where it came from. status: open, matched (a match
-- awaits its outcome), closed.
CREATE TABLE lists_need (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  source TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  category TEXT NOT NULL,
  urgency TEXT NOT NULL,
  description TEXT NOT NULL,
  lat_e7 INTEGER,
  lon_e7 INTEGER,
  from_hour INTEGER NOT NULL,
  to_hour INTEGER NOT NULL,
  status TEXT NOT NULL,
  close_note TEXT NOT NULL,
  created_by BIGINT REFERENCES app_user (id),
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX lists_need_unit ON lists_need (unit_code, status);
CREATE INDEX lists_need_status ON lists_need (status, urgency);

-- A resource a unit can call on: a facility, a volunteer or a team, a social organisation, a unit
-- stationed in the area (驻区单位), a charity. capacity: how many needs it takes at once; booked:
-- how many matches hold a place now (never above capacity).
CREATE TABLE lists_resource (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  source TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  booked INTEGER NOT NULL,
  from_hour INTEGER NOT NULL,
  to_hour INTEGER NOT NULL,
  lat_e7 INTEGER,
  lon_e7 INTEGER,
  contact TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX lists_resource_unit ON lists_resource (unit_code, category);

-- A match staff confirmed, holding one place of the resource until its outcome: done (the need
-- is closed) or failed (the need is open again). walk_mm: the walk when it was confirmed, null
-- when the need or the resource has no point.
CREATE TABLE lists_match (
  id @AUTO_ID@,
  need_id BIGINT NOT NULL REFERENCES lists_need (id),
  resource_id BIGINT NOT NULL REFERENCES lists_resource (id),
  walk_mm BIGINT,
  by_network INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  outcome_note TEXT NOT NULL,
  confirmed_by BIGINT REFERENCES app_user (id),
  confirmed_by_name TEXT NOT NULL,
  confirmed_at TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX lists_match_need ON lists_match (need_id, id);
CREATE INDEX lists_match_resource ON lists_match (resource_id, outcome);
