-- Personal data on accounts: the phone number sealed (SM4 + HMAC-SM3) and a keyed SM3 blind
-- index for exact search; the audit log gains a detail (the stated reason of an unmask).
ALTER TABLE app_user ADD COLUMN phone_sealed TEXT;
ALTER TABLE app_user ADD COLUMN phone_index TEXT;
CREATE INDEX app_user_by_phone ON app_user (phone_index);
ALTER TABLE audit_log ADD COLUMN detail TEXT NOT NULL DEFAULT '';
