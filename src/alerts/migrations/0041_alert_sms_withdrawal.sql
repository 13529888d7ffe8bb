-- The SMS telling a recipient that a warning they were texted is withdrawn (解除), queued when the
-- warning is cancelled for every SMS recipient whose message was, or may have been, handed to the
-- gateway. withdraw_state: NULL (nothing to tell), queued, sending (claimed at
-- withdraw_claimed_at, withdraw_attempts + 1; taken again by any run once the claim is old),
-- sent (the gateway took it), failed (refused for good, after the last attempt, or no gateway).
ALTER TABLE alert_recipient ADD COLUMN withdraw_state TEXT;
ALTER TABLE alert_recipient ADD COLUMN withdraw_claimed_at TEXT;
ALTER TABLE alert_recipient ADD COLUMN withdraw_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alert_recipient ADD COLUMN withdraw_error TEXT;
CREATE INDEX alert_recipient_withdraw ON alert_recipient (withdraw_state, alert_id, id);
