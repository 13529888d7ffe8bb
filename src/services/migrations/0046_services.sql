-- Community services that government buys from social organisations (政府购买社区服务): contracts,
-- the services delivered against them, and their evaluation. Times are format_timestamp text
-- (UTC); dates YYYY-MM-DD; money in fen.

-- A contract: what a county, township, village or community (unit_code) buys from a social
-- organisation of the volunteers module, for how much and over which period. state: active,
-- evaluated. records and people_served count the records not voided; they move in the statement
-- that writes a record (UPDATE ... WHERE state = 'active'), so that no record lands on a contract
-- evaluated meanwhile. survey_id/survey_question: the satisfaction survey and its rating question
-- that measure the service, with their titles as they were when linked.
CREATE TABLE services_contract (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  organisation_id BIGINT NOT NULL REFERENCES volunteer_organisation (id),
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  content TEXT NOT NULL,
  target_text TEXT NOT NULL,
  target_people BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  funding_source TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  survey_id BIGINT REFERENCES survey (id),
  survey_title TEXT NOT NULL,
  survey_question TEXT NOT NULL,
  survey_question_title TEXT NOT NULL,
  state TEXT NOT NULL,
  records BIGINT NOT NULL,
  people_served BIGINT NOT NULL,
  created_by BIGINT REFERENCES app_user (id),
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX services_contract_unit ON services_contract (unit_code, id);
CREATE INDEX services_contract_organisation ON services_contract (organisation_id, id);

-- A service delivered under a contract: when, where (the contract's unit or one within it), what,
-- to how many people. Never deleted: a mistaken record is voided with a reason.
CREATE TABLE services_record (
  id @AUTO_ID@,
  contract_id BIGINT NOT NULL REFERENCES services_contract (id),
  served_on TEXT NOT NULL,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  place TEXT NOT NULL,
  content TEXT NOT NULL,
  people_served BIGINT NOT NULL,
  recorded_by BIGINT REFERENCES app_user (id),
  recorded_by_name TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  void_reason TEXT NOT NULL,
  voided_by_name TEXT NOT NULL,
  voided_at TEXT
);
CREATE INDEX services_record_contract ON services_record (contract_id, served_on, id);

-- The evaluation at a contract's end, once: the evaluator's score and comment, and the figures
-- as they stood then (records, people served, the linked survey's satisfaction over the
-- contract's unit: mean rating with its interval, none when fewer than two answered).
CREATE TABLE services_evaluation (
  contract_id BIGINT PRIMARY KEY REFERENCES services_contract (id),
  evaluated_on TEXT NOT NULL,
  score INTEGER NOT NULL,
  grade TEXT NOT NULL,
  comment TEXT NOT NULL,
  records BIGINT NOT NULL,
  people_served BIGINT NOT NULL,
  target_people BIGINT NOT NULL,
  satisfaction_responses BIGINT,
  satisfaction_mean DOUBLE PRECISION,
  satisfaction_low DOUBLE PRECISION,
  satisfaction_high DOUBLE PRECISION,
  evaluated_by BIGINT REFERENCES app_user (id),
  evaluated_by_name TEXT NOT NULL,
  evaluated_at TEXT NOT NULL
);
