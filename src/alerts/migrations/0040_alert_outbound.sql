-- Warnings that leave the platform (alerts/outbound.hpp): by SMS to the recipients with a phone
-- but no resident account, and on the emergency broadcast system's loudspeakers.

-- broadcast: the composer asked for the loudspeakers too (1 or 0). broadcast_state: none (not
-- asked), queued, sending (handed over by a run that has not heard back; taken again by another
-- run once broadcast_at is old), sent, failed. broadcast_ref: the broadcast system's id of it.
ALTER TABLE alert ADD COLUMN broadcast INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alert ADD COLUMN broadcast_state TEXT NOT NULL DEFAULT 'none';
ALTER TABLE alert ADD COLUMN broadcast_ref TEXT;
ALTER TABLE alert ADD COLUMN broadcast_error TEXT;
ALTER TABLE alert ADD COLUMN broadcast_at TEXT;

-- An SMS recipient (channel sms) moves queued → sending (claimed at claimed_at, attempts + 1) →
-- sent (the gateway took it: sent_at, outbound_ref) → delivered or failed (the gateway's
-- receipt); failed too when the gateway refuses the number, after the last attempt, or when the
-- warning ended before it went. A claim older than a few minutes is taken again, with the same
-- key, by any run.
ALTER TABLE alert_recipient ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alert_recipient ADD COLUMN claimed_at TEXT;
ALTER TABLE alert_recipient ADD COLUMN sent_at TEXT;
ALTER TABLE alert_recipient ADD COLUMN outbound_ref TEXT;
ALTER TABLE alert_recipient ADD COLUMN outbound_error TEXT;
CREATE INDEX alert_recipient_outbound ON alert_recipient (channel, state, alert_id, id);
