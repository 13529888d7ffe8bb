-- Scoped lists (storage/scope.hpp) ask "is this row's unit in the caller's subtrees?" of tables
-- that will hold millions of rows. Instead of walking the parent links on every query, every
-- current ancestor of every current unit is kept as a row here, the unit itself at depth 0
-- (ADR 0020). OrgRepository keeps it right in the transaction that inserts, moves or retires a
-- unit; a retired unit has no rows, neither as a unit nor as an ancestor.
CREATE TABLE org_unit_ancestor (
  ancestor_code TEXT NOT NULL REFERENCES org_unit (code),
  code TEXT NOT NULL REFERENCES org_unit (code),
  depth INTEGER NOT NULL CHECK (depth >= 0),  -- 0: the unit itself; 1: its parent; ...
  PRIMARY KEY (ancestor_code, code)
);
-- A unit's ancestors (moving a subtree re-points them).
CREATE INDEX org_unit_ancestor_by_code ON org_unit_ancestor (code, ancestor_code);

-- The current tree as it stands: each current unit, then up its current links while the parent
-- exists.
INSERT INTO org_unit_ancestor (ancestor_code, code, depth)
WITH RECURSIVE up (code, ancestor_code, depth) AS (
  SELECT code, code, 0 FROM org_unit WHERE valid_to IS NULL
  UNION ALL
  SELECT up.code, p.parent_code, up.depth + 1
  FROM up
  JOIN org_unit_parent p ON p.code = up.ancestor_code AND p.valid_to IS NULL
  JOIN org_unit a ON a.code = p.parent_code AND a.valid_to IS NULL
)
SELECT ancestor_code, code, depth FROM up;

-- The scoped lists look rows up by unit: the audit log by its actor's unit (the object's unit
-- has its index since 0007), accounts by their home unit.
CREATE INDEX audit_log_by_unit ON audit_log (unit_code);
CREATE INDEX app_user_by_unit ON app_user (unit_code);
