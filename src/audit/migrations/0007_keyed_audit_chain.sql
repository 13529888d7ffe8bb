-- The audit chain becomes keyed and is sealed apart from the writers (audit/audit_log.hpp):
-- a writer inserts its row with a MAC of the row alone (row_mac) and takes no lock; a sealer
-- then gives committed rows their place in the chain (seq) and the chained MAC (chain_mac).
-- Rows also name the unit of the object acted on, so that the auditors of that unit see them.
ALTER TABLE audit_log ADD COLUMN object_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN entry_uid TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN row_mac TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN seq BIGINT;
ALTER TABLE audit_log ADD COLUMN chain_mac TEXT;
ALTER TABLE audit_log DROP COLUMN prev_hash;
ALTER TABLE audit_log DROP COLUMN hash;
CREATE UNIQUE INDEX audit_log_by_seq ON audit_log (seq);
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE seq IS NULL;
CREATE INDEX audit_log_by_object_unit ON audit_log (object_unit);

-- Rows written before the chain was keyed carry no row MAC: the first sealing computes it.
-- Only rows up to this id may be sealed that way; a later row without a MAC is a forgery.
CREATE TABLE audit_legacy (up_to_id BIGINT NOT NULL);
INSERT INTO audit_legacy (up_to_id) SELECT COALESCE(MAX(id), 0) FROM audit_log;

-- Purge anchors now name a place in the keyed chain, under a MAC of their own.
DROP TABLE audit_anchor;
CREATE TABLE audit_anchor (
  id @AUTO_ID@,
  purged_at TEXT NOT NULL,
  before_date TEXT NOT NULL,
  last_seq BIGINT NOT NULL,
  last_chain_mac TEXT NOT NULL,
  anchor_mac TEXT NOT NULL
);
