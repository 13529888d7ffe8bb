-- Household registers uploaded for import (residents.import jobs, one per file). The file is kept
-- sealed as a whole (it holds names and ID numbers) until its job has read it, then dropped;
-- the outcome stays for the job's retention so that a job run again after a crash answers the
-- same. A file whose job never ended is dropped by the daily residents.anonymise job.
CREATE TABLE resident_import (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  file_sealed TEXT,
  file_bytes BIGINT NOT NULL,
  outcome TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX resident_import_created ON resident_import (created_at);
