-- Emergency readiness: disaster incident reports (灾情报送) from villages, communities, townships
-- and counties. Times are format_timestamp text (UTC).

-- An incident as reported, corrected by later reports (续报: a new version of the same row, the
-- audit log keeping each). kind: the national classification's key (flood, drought, ...). The
-- toll: people affected, and among them injured, dead and missing; houses damaged.
CREATE TABLE readiness_incident (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  kind TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  place TEXT NOT NULL,
  affected INTEGER NOT NULL,
  injured INTEGER NOT NULL,
  dead INTEGER NOT NULL,
  missing INTEGER NOT NULL,
  houses_damaged INTEGER NOT NULL,
  needs TEXT NOT NULL,
  reported_by BIGINT REFERENCES app_user (id),
  reported_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX readiness_incident_unit ON readiness_incident (unit_code, occurred_at);
CREATE INDEX readiness_incident_time ON readiness_incident (occurred_at, id);
