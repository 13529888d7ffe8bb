-- Purging audit rows past their retention leaves an anchor: the id and hash of the last row
-- removed, from which `shequ audit verify` checks the remaining chain.
CREATE TABLE audit_anchor (
  id @AUTO_ID@,
  purged_at TEXT NOT NULL,
  before_date TEXT NOT NULL,
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
