-- Values of the indicators whose facts the system does not hold yet, entered per unit and
-- period by the responsible level and approved one level up (DHIS2's data values and approval).
-- The numerator is always entered; the denominator too when the indicator has no fact for it.
-- An approved value is locked until it is unapproved.
CREATE TABLE indicator_value (
  indicator TEXT NOT NULL,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  period TEXT NOT NULL,
  numerator BIGINT NOT NULL,
  denominator BIGINT,
  state TEXT NOT NULL CHECK (state IN ('entered', 'approved')),
  entered_at TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  approved_at TEXT,
  approved_by TEXT,
  version INTEGER NOT NULL,
  PRIMARY KEY (indicator, unit_code, period)
);
CREATE INDEX indicator_value_period ON indicator_value (period, indicator);

-- Every entry, approval and unapproval: who, when, and the value before and after (JSON as the
-- API shows it; before is NULL for the first entry). The indicator engine follows this log.
CREATE TABLE indicator_value_change (
  id @AUTO_ID@,
  indicator TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  period TEXT NOT NULL,
  action TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT NOT NULL
);
CREATE INDEX indicator_value_change_value ON indicator_value_change (indicator, unit_code, period, id);
