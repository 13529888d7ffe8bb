-- Messages the system leaves for an account (站内消息): the monthly reminder of home visits, and
-- the warnings to come. One message per account, kind and key (a reminder's key is its month), so
-- that a job run twice, or by two servers, leaves it once. Title and body are kept in both
-- languages of the console; read_at is when the account read it (none: unread).
CREATE TABLE inbox_message (
  id @AUTO_ID@,
  account_id BIGINT NOT NULL REFERENCES app_user (id),
  kind TEXT NOT NULL,
  message_key TEXT NOT NULL,
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  body_zh TEXT NOT NULL,
  body_en TEXT NOT NULL,
  link TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE UNIQUE INDEX inbox_message_once ON inbox_message (account_id, kind, message_key);
CREATE INDEX inbox_message_account ON inbox_message (account_id, id);
