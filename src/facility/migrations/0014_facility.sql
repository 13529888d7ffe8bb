-- The facility registry: comprehensive service facilities (社区综合服务设施) and special
-- facilities, each attached to a village or community (or a township for township-level kinds).
-- Areas in square metres; opening hours and services as JSON text the service writes and reads
-- (validated there); a location in degrees x 10^7 (WGS 84), or none yet.
CREATE TABLE facility (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  floor_area DOUBLE PRECISION NOT NULL,
  activity_area DOUBLE PRECISION NOT NULL,
  office_area DOUBLE PRECISION NOT NULL,
  service_area DOUBLE PRECISION NOT NULL,
  land_area DOUBLE PRECISION,
  hours TEXT NOT NULL,
  services TEXT NOT NULL,
  lat_e7 INTEGER,
  lon_e7 INTEGER,
  status TEXT NOT NULL,
  opened_on TEXT,
  closed_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX facility_unit ON facility (unit_code);
CREATE INDEX facility_type ON facility (type, unit_code);

-- Every change of a facility: who, when, and the facility before and after (JSON as the API
-- shows it; before is NULL for its registration).
CREATE TABLE facility_change (
  id @AUTO_ID@,
  facility_id BIGINT NOT NULL REFERENCES facility (id),
  changed_at TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT NOT NULL
);
CREATE INDEX facility_change_facility ON facility_change (facility_id, id);
