-- Background jobs (jobs/job_runner.hpp, ADR 0022): one queue for every module, shared by every
-- server on the database. A job is claimed by exactly one server, reports its progress through
-- heartbeats, and is put back in the queue (or failed) when its server stops answering.
CREATE TABLE job (
  id @AUTO_ID@,
  kind TEXT NOT NULL,               -- declared by a module: "access.siting"
  unit_code TEXT NOT NULL,          -- the unit it works on: who may see it (scope)
  created_by BIGINT,                -- the account that submitted it; NULL: the schedule
  created_by_name TEXT NOT NULL,    -- "system" for scheduled jobs
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  params TEXT NOT NULL,             -- JSON object, the kind's input
  result TEXT,                      -- JSON, when done
  error_zh TEXT,                    -- why it failed or was cancelled, for people
  error_en TEXT,
  progress DOUBLE PRECISION NOT NULL DEFAULT 0,  -- 0 to 1
  attempts INTEGER NOT NULL DEFAULT 0,           -- runs begun
  max_attempts INTEGER NOT NULL,
  server TEXT,                      -- the server running it
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  schedule_slot BIGINT,             -- the period a scheduled job belongs to; NULL: submitted
  created_at TEXT NOT NULL,
  started_at TEXT,
  heartbeat_at TEXT,
  finished_at TEXT
);
-- Claiming takes the oldest queued job.
CREATE INDEX job_by_state ON job (state, id);
-- One scheduled job per kind and period, whichever server gets there first.
CREATE UNIQUE INDEX job_by_schedule ON job (kind, schedule_slot);
-- Lists within a scope, newest first.
CREATE INDEX job_by_unit ON job (unit_code, id);
-- Counting an account's active jobs (limits on siting runs).
CREATE INDEX job_by_creator ON job (created_by, state);
