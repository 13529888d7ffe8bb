-- Regular home visits (定期入户走访): the rules that make a tag a care target, the visits recorded
-- and the referrals to the township they raise. Dates are YYYY-MM-DD (China), times
-- format_timestamp text (UTC).

-- How often people with a tag must be visited, set by the province (its code) or a city for its
-- subtree: every_months 1 monthly, 3 quarterly, 0 not a care target. A city's rule overrides the
-- province's; without either, the defaults of residents/care.hpp apply.
CREATE TABLE resident_care_rule (
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  tag TEXT NOT NULL,
  every_months INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (unit_code, tag)
);

-- A visit to a person. client_key: the key the recording phone chose, so that a visit sent twice
-- (offline, then again) is kept once. The note may name people: sealed.
CREATE TABLE resident_visit (
  id @AUTO_ID@,
  person_id BIGINT NOT NULL REFERENCES resident_person (id),
  grid_code TEXT NOT NULL REFERENCES org_unit (code),
  visited_on TEXT NOT NULL,
  visitor_id BIGINT NOT NULL REFERENCES app_user (id),
  met TEXT NOT NULL,
  health TEXT NOT NULL,
  living TEXT NOT NULL,
  safety TEXT NOT NULL,
  needs TEXT NOT NULL,
  note_sealed TEXT,
  lat_e7 INTEGER,
  lon_e7 INTEGER,
  client_key TEXT NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL
);
CREATE INDEX resident_visit_person ON resident_visit (person_id, visited_on);
CREATE INDEX resident_visit_grid ON resident_visit (grid_code, visited_on);

-- A referral to the township for an assessment (低保 or 特困) that a visit's finding raised.
CREATE TABLE resident_referral (
  id @AUTO_ID@,
  person_id BIGINT NOT NULL REFERENCES resident_person (id),
  visit_id BIGINT REFERENCES resident_visit (id),
  township_code TEXT NOT NULL REFERENCES org_unit (code),
  grid_code TEXT NOT NULL REFERENCES org_unit (code),
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by BIGINT REFERENCES app_user (id),
  version INTEGER NOT NULL
);
CREATE INDEX resident_referral_township ON resident_referral (township_code, status);
CREATE INDEX resident_referral_person ON resident_referral (person_id);
