-- Volunteers (志愿服务), their activities, sign-ups and the hour record (ADR 0030). Names and
-- phones are sealed (privacy::Keyring), phones also as blind indexes. Dates are YYYY-MM-DD
-- (China), times format_timestamp text (UTC).

-- A volunteer of a village or community (unit_code), who applied from the resident pages
-- (user_id) or was registered by its staff (no account). state: applied, approved, refused.
CREATE TABLE volunteer (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  user_id BIGINT REFERENCES app_user (id),
  name_sealed TEXT NOT NULL,
  phone_sealed TEXT,
  phone_index TEXT,
  skills TEXT NOT NULL,
  state TEXT NOT NULL,
  state_reason TEXT,
  decided_by BIGINT REFERENCES app_user (id),
  decided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE UNIQUE INDEX volunteer_user ON volunteer (user_id);
CREATE INDEX volunteer_unit ON volunteer (unit_code, state, id);
CREATE INDEX volunteer_phone ON volunteer (phone_index);

-- An activity published by a township, village or community (organiser_id: the account that
-- published it; NULL: a machine client). state: published, or ended once its hours are confirmed.
CREATE TABLE volunteer_activity (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  title TEXT NOT NULL,
  place TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  skills TEXT NOT NULL,
  state TEXT NOT NULL,
  organiser_id BIGINT REFERENCES app_user (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX volunteer_activity_unit ON volunteer_activity (unit_code, starts_at);

-- A volunteer's place in an activity: signed_up, waiting (over capacity, in the order signed up)
-- or cancelled; the check-in and check-out times, and whether the organiser made them by hand.
CREATE TABLE volunteer_signup (
  activity_id BIGINT NOT NULL REFERENCES volunteer_activity (id),
  volunteer_id BIGINT NOT NULL REFERENCES volunteer (id),
  state TEXT NOT NULL,
  signed_up_at TEXT NOT NULL,
  checked_in_at TEXT,
  checked_out_at TEXT,
  by_organiser INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (activity_id, volunteer_id)
);
CREATE INDEX volunteer_signup_volunteer ON volunteer_signup (volunteer_id, activity_id);

-- The hour record: append-only and chained (volunteer/hour_chain.hpp). seq is the place in the
-- chain, given in the writing transaction from volunteer_hour_head, never reused; a correction
-- names the seq it corrects; recorded_by NULL: a machine client (0 in the chain's MAC). Nothing
-- here is ever updated or deleted.
CREATE TABLE volunteer_hour (
  seq BIGINT PRIMARY KEY,
  volunteer_id BIGINT NOT NULL REFERENCES volunteer (id),
  activity_id BIGINT NOT NULL REFERENCES volunteer_activity (id),
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  served_on TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  corrects BIGINT REFERENCES volunteer_hour (seq),
  reason TEXT NOT NULL,
  recorded_by BIGINT REFERENCES app_user (id),
  recorded_at TEXT NOT NULL,
  mac TEXT NOT NULL
);
CREATE INDEX volunteer_hour_volunteer ON volunteer_hour (volunteer_id, seq);

-- The chain's end: one row, locked by each writer (SELECT ... FOR UPDATE on PostgreSQL).
CREATE TABLE volunteer_hour_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  mac TEXT NOT NULL
);
INSERT INTO volunteer_hour_head (id, seq, mac)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
