-- Passwords an account used before, so that the last five are not chosen again (MLPS 2.0).
CREATE TABLE password_history (
  id @AUTO_ID@,
  user_id BIGINT NOT NULL REFERENCES app_user (id),
  password_hash TEXT NOT NULL,     -- Argon2id, as app_user.password_hash was
  retired_at TEXT NOT NULL
);
CREATE INDEX password_history_by_user ON password_history (user_id, id);

-- Failed sign-ins per account name and per source address within a window, shared by every
-- server on the database: beyond a limit the next attempts are refused (429) until the window
-- ends. Failures past the first few of a window are not written to the audit log one by one;
-- they are counted here and written as one summary row when the window ends.
CREATE TABLE login_throttle (
  scope TEXT NOT NULL CHECK (scope IN ('name', 'source')),
  subject TEXT NOT NULL,               -- the account name tried, or the source address
  window_start TEXT NOT NULL,
  failures BIGINT NOT NULL DEFAULT 0,  -- failed attempts in the window
  audited BIGINT NOT NULL DEFAULT 0,   -- of them, written to the audit log one by one
  unaudited BIGINT NOT NULL DEFAULT 0, -- failed or refused attempts left to the summary
  unaudited_from TEXT,
  unaudited_to TEXT,
  last_source TEXT NOT NULL DEFAULT '',
  object_unit TEXT NOT NULL DEFAULT '', -- the account's home unit, when the name is an account
  PRIMARY KEY (scope, subject)
);
