-- Accounts, role grants, server-side sessions and the hash-chained audit log.
CREATE TABLE app_user (
  id @AUTO_ID@,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),  -- the unit the account belongs to
  password_hash TEXT NOT NULL,                          -- Argon2id, libsodium's string form
  password_changed_at TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE user_role (
  user_id BIGINT NOT NULL REFERENCES app_user (id),
  role TEXT NOT NULL,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  PRIMARY KEY (user_id, role, unit_code)
);

-- The token itself never reaches storage: only its SHA-256.
CREATE TABLE user_session (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES app_user (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,          -- absolute end (12 hours after login)
  idle_seconds BIGINT NOT NULL       -- 1800, or 900 for administrators
);
CREATE INDEX user_session_by_user ON user_session (user_id);

-- Append-only. Each row's hash is SM3(previous hash | this row's fields), so an edited or
-- deleted row breaks the chain (shequ audit verify). Never holds personal data itself.
CREATE TABLE audit_log (
  id @AUTO_ID@,
  occurred_at TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  result TEXT NOT NULL,
  source_ip TEXT NOT NULL,
  request_id TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (occurred_at);
