-- Plan tasks and ledgers (年度任务清单和工作台账): the plan's tasks as each level issues them to the
-- levels below and breaks them down, progress reports approved one level up, with their evidence.
-- Dates are China dates (YYYY-MM-DD), times format_timestamp text (UTC).

-- A task owned by unit_code, issued by issuer_unit (an ancestor: the parent task's unit, or the
-- unit of whoever issued a task without parent). status is what was reported and approved
-- (not_started, in_progress, done); lateness and risk are computed from the deadline and the clock,
-- never stored. progress: the last approved report's percent.
CREATE TABLE plan_task (
  id @AUTO_ID@,
  parent_id BIGINT REFERENCES plan_task (id),
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  issuer_unit TEXT NOT NULL REFERENCES org_unit (code),
  year INTEGER NOT NULL,
  section TEXT NOT NULL,
  title TEXT NOT NULL,
  target_text TEXT NOT NULL,
  target_value DOUBLE PRECISION,
  target_unit TEXT NOT NULL,
  indicator_code TEXT,
  deadline TEXT NOT NULL,
  responsible_name TEXT NOT NULL,
  status TEXT NOT NULL,
  progress INTEGER NOT NULL,
  created_by BIGINT REFERENCES app_user (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX plan_task_unit ON plan_task (unit_code, year);
CREATE INDEX plan_task_issuer ON plan_task (issuer_unit, year);
CREATE INDEX plan_task_parent ON plan_task (parent_id);
CREATE INDEX plan_task_deadline ON plan_task (deadline, id);

-- A progress report on a task by its unit's staff: submitted, then approved or returned by the
-- issuing unit's staff (never by the reporter).
CREATE TABLE plan_report (
  id @AUTO_ID@,
  task_id BIGINT NOT NULL REFERENCES plan_task (id),
  text TEXT NOT NULL,
  progress INTEGER NOT NULL,
  state TEXT NOT NULL,
  reported_by BIGINT REFERENCES app_user (id),
  reported_by_name TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  decided_by BIGINT REFERENCES app_user (id),
  decided_by_name TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  note TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX plan_report_task ON plan_report (task_id, id);
CREATE INDEX plan_report_state ON plan_report (state, task_id);

-- Evidence of a report (佐证材料): a photo encoded again without metadata, or a PDF without
-- scripts or embedded files, kept in the file store by the SHA-256 of its content.
CREATE TABLE plan_evidence (
  id @AUTO_ID@,
  report_id BIGINT NOT NULL REFERENCES plan_report (id),
  kind TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  uploaded_by BIGINT REFERENCES app_user (id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX plan_evidence_report ON plan_evidence (report_id, id);
