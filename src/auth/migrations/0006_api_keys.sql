-- Keys for machine clients (Open311 and the like): scoped to a unit's subtree and a set of
-- permissions, revocable. Only the key's SHA-256 is stored.
CREATE TABLE api_key (
  id @AUTO_ID@,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  permissions TEXT NOT NULL,        -- space-separated permission strings
  created_by BIGINT REFERENCES app_user (id),
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
