-- Warnings (预警信息) to the residents of a target, and the loop that closes on the vulnerable
-- among them. Times are format_timestamp text (UTC).

-- A warning. target_json: {"units": [...], "grids": [...], "tags": [...]} as composed (units and
-- grids in the issuing unit's subtree; tags: residents' tag keys, any of them). status: draft,
-- pending (awaiting approval one level up), rejected, sending (the delivery job queued or
-- running), sent, cancelled. ack_minutes: how long a vulnerable recipient has to acknowledge
-- before their grid worker is asked to call or knock.
CREATE TABLE alert (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  category TEXT NOT NULL,
  level TEXT NOT NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  guidance TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  target_json TEXT NOT NULL,
  ack_minutes INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_by BIGINT REFERENCES app_user (id),
  created_by_name TEXT NOT NULL,
  approver_unit TEXT,
  decided_by BIGINT REFERENCES app_user (id),
  decided_by_name TEXT,
  decided_at TEXT,
  decision_note TEXT,
  issued_at TEXT,
  delivered_at TEXT,
  job_id BIGINT,
  recipients INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX alert_unit ON alert (unit_code, id);
CREATE INDEX alert_status ON alert (status, id);

-- Who a warning reached: one row per warning and person, written by the delivery job (a run
-- again after a crash adds nobody twice). channel: h5 (a resident account with the person's
-- phone), none (no way to reach them but a visit). state: delivered, read, acknowledged, help.
-- vulnerable: the person carries one of the tags whose silence becomes a task (1 or 0).
CREATE TABLE alert_recipient (
  id @AUTO_ID@,
  alert_id BIGINT NOT NULL REFERENCES alert (id),
  person_id BIGINT NOT NULL REFERENCES resident_person (id),
  unit_code TEXT NOT NULL,
  grid_code TEXT NOT NULL,
  vulnerable INTEGER NOT NULL,
  account_id BIGINT REFERENCES app_user (id),
  channel TEXT NOT NULL,
  state TEXT NOT NULL,
  delivered_at TEXT NOT NULL,
  read_at TEXT,
  answered_at TEXT
);
CREATE UNIQUE INDEX alert_recipient_once ON alert_recipient (alert_id, person_id);
CREATE INDEX alert_recipient_grid ON alert_recipient (alert_id, grid_code);
CREATE INDEX alert_recipient_account ON alert_recipient (account_id, alert_id);

-- A call or knock asked of the recipient's grid worker: reason no_answer (not acknowledged in
-- time), help (需要帮助 pressed), no_channel (nothing reaches them). One per recipient; help
-- replaces an open no_answer. outcome once done: reached, helped, unreachable.
CREATE TABLE alert_task (
  id @AUTO_ID@,
  alert_id BIGINT NOT NULL REFERENCES alert (id),
  recipient_id BIGINT NOT NULL REFERENCES alert_recipient (id),
  unit_code TEXT NOT NULL,
  grid_code TEXT NOT NULL,
  reason TEXT NOT NULL,
  state TEXT NOT NULL,
  outcome TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  done_at TEXT,
  done_by BIGINT REFERENCES app_user (id),
  done_by_name TEXT,
  version INTEGER NOT NULL
);
CREATE UNIQUE INDEX alert_task_once ON alert_task (recipient_id);
CREATE INDEX alert_task_grid ON alert_task (grid_code, state, id);
CREATE INDEX alert_task_alert ON alert_task (alert_id, grid_code);

-- From which level a unit's warnings need approval one level up (yellow, orange or red; red
-- always does). updated_by, like the other *_by columns, is NULL for a machine client (an API
-- key). A unit without a row takes its nearest ancestor's, the province's default orange.
CREATE TABLE alert_setting (
  unit_code TEXT PRIMARY KEY REFERENCES org_unit (code),
  approval_from TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES app_user (id)
);
