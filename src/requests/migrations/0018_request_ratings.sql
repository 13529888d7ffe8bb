-- Ratings of requests (好差评) and the rectification a bad one opens.

-- The resident's one rating of a case. score: very_satisfied, satisfied, basic, dissatisfied,
-- very_dissatisfied. A rating the lead unit appeals as mistaken or malicious is decided by the
-- unit above it: appeal_status none, pending, upheld (the rating no longer counts) or rejected.
CREATE TABLE request_rating (
  case_id BIGINT PRIMARY KEY REFERENCES request_case (id),
  score TEXT NOT NULL,
  comment TEXT NOT NULL,
  rated_by BIGINT REFERENCES app_user (id),
  rated_at TEXT NOT NULL,
  appeal_status TEXT NOT NULL,
  appeal_reason TEXT,
  appealed_by BIGINT REFERENCES app_user (id),
  appealed_at TEXT,
  decision_note TEXT,
  decided_by BIGINT REFERENCES app_user (id),
  decided_at TEXT
);
CREATE INDEX request_rating_appeal ON request_rating (appeal_status);

-- What a bad rating opens: the case back in progress, to be put right within 15 working days.
-- done_at is set when the lead unit feeds back the result again.
CREATE TABLE request_rectification (
  id @AUTO_ID@,
  case_id BIGINT NOT NULL REFERENCES request_case (id),
  opened_at TEXT NOT NULL,
  due TEXT NOT NULL,
  done_at TEXT
);
CREATE INDEX request_rectification_case ON request_rectification (case_id, id);
