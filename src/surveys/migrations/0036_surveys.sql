-- Satisfaction surveys (满意度调查): questionnaires, their published versions, and residents'
-- responses. Times are format_timestamp text (UTC).

-- A survey. per: resident or household (one response each). anonymous: 1 keeps no link from a
-- response to whoever gave it. status: draft, published, closed (its closing time passing closes
-- it too, without a write). draft_json: the questions while a draft; once published they are
-- survey_version rows and current_version is the newest one's number (0 while a draft).
CREATE TABLE survey (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  anonymous INTEGER NOT NULL,
  per TEXT NOT NULL,
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  status TEXT NOT NULL,
  draft_json TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  created_by BIGINT REFERENCES app_user (id),
  created_by_name TEXT NOT NULL,
  published_at TEXT,
  closed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX survey_unit ON survey (unit_code, id);

-- The units a survey is for, each with its subtree (within the survey's unit's).
CREATE TABLE survey_target (
  survey_id BIGINT NOT NULL REFERENCES survey (id),
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  PRIMARY KEY (survey_id, unit_code)
);
CREATE INDEX survey_target_unit ON survey_target (unit_code, survey_id);

-- The questions as published: answers already given keep the version they answered.
CREATE TABLE survey_version (
  survey_id BIGINT NOT NULL REFERENCES survey (id),
  number INTEGER NOT NULL,
  questions_json TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (survey_id, number)
);

-- Who has answered, so that nobody answers twice: respondent "p<person id>" (one per resident)
-- or "h<household id>" (one per household). No time and no link to the response.
CREATE TABLE survey_participant (
  survey_id BIGINT NOT NULL REFERENCES survey (id),
  respondent TEXT NOT NULL,
  PRIMARY KEY (survey_id, respondent)
);

-- A response. id: random, not a sequence, and only the China date it came: in an anonymous
-- survey nothing orders or times it against the participants or the audit log. unit_code: the
-- village or community of the respondent's home. person_id: identified surveys only. channel:
-- h5 (the resident's own) or staff (filled in on their behalf during a visit).
CREATE TABLE survey_response (
  id BIGINT PRIMARY KEY,
  survey_id BIGINT NOT NULL REFERENCES survey (id),
  version_number INTEGER NOT NULL,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  person_id BIGINT REFERENCES resident_person (id),
  channel TEXT NOT NULL,
  received_on TEXT NOT NULL
);
CREATE INDEX survey_response_survey ON survey_response (survey_id, version_number, unit_code);

-- A response's answers: a row per chosen option (choice), per rating (rating 1-5) and per text.
CREATE TABLE survey_answer (
  response_id BIGINT NOT NULL REFERENCES survey_response (id),
  question TEXT NOT NULL,
  choice TEXT,
  rating INTEGER,
  text TEXT
);
CREATE INDEX survey_answer_response ON survey_answer (response_id, question);
