-- The administrative hierarchy: province > city > county > township > village/community > grid.
-- A unit's parent is a dated link, so that a merge or a move keeps the earlier tree as history.
CREATE TABLE org_unit (
  code TEXT PRIMARY KEY,            -- 12-digit NBS code; grids: village code + 3-digit serial
  name TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 6),
  unit_type TEXT NOT NULL,          -- stable key, e.g. residents_committee, villagers_committee
  urban_rural_code TEXT,            -- 城乡分类代码 (111 ... 220), level 5 only
  valid_from TEXT NOT NULL,         -- date the unit came into being (or was first recorded)
  valid_to TEXT,                    -- date it ceased to exist; NULL while it exists
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE org_unit_parent (
  code TEXT NOT NULL REFERENCES org_unit (code),
  parent_code TEXT NOT NULL REFERENCES org_unit (code),
  valid_from TEXT NOT NULL,
  valid_to TEXT,                    -- NULL for the current link
  PRIMARY KEY (code, valid_from)
);

CREATE INDEX org_unit_parent_by_parent ON org_unit_parent (parent_code);
CREATE INDEX org_unit_by_level ON org_unit (level);

-- What only grids have. A grid's code is its village/community code plus a 3-digit serial that
-- is never reused, so records that name a retired grid keep pointing at it.
CREATE TABLE org_grid (
  code TEXT PRIMARY KEY REFERENCES org_unit (code),
  village_code TEXT NOT NULL REFERENCES org_unit (code),
  serial INTEGER NOT NULL CHECK (serial BETWEEN 1 AND 999),
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (village_code, serial)
);
