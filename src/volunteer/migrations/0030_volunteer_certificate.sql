-- Certificates of hours as issued (volunteer/certificate.hpp): which volunteer, when, by whom
-- (NULL: the volunteer themself), with which key, and the signed statement (masked, as printed).
-- A certificate verifies without this table; it tells a community what it has issued.
CREATE TABLE volunteer_certificate (
  number TEXT PRIMARY KEY,
  volunteer_id BIGINT NOT NULL REFERENCES volunteer (id),
  issued_at TEXT NOT NULL,
  issued_by BIGINT REFERENCES app_user (id),
  key_id INTEGER NOT NULL,
  minutes INTEGER NOT NULL,
  seq_to BIGINT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX volunteer_certificate_volunteer ON volunteer_certificate (volunteer_id, issued_at);
