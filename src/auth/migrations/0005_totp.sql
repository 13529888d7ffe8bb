-- A second factor: the TOTP secret (sealed like other secrets), whether it is in use, and the
-- last time step used, so that a code is good only once.
ALTER TABLE app_user ADD COLUMN totp_sealed TEXT;
ALTER TABLE app_user ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
