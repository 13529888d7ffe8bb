-- Charity funds of villages, communities and streets (公益慈善): an append-only ledger of money and
-- goods given and given out, public to residents. Times are format_timestamp text (UTC); dates
-- YYYY-MM-DD; money in fen.

-- A unit's fund, made with its first entry: what the ledger sums to, kept beside it so that an
-- outgoing is refused in the same statement that would take the balance below zero
-- (UPDATE ... WHERE balance_fen >= amount), which also serialises two servers writing at once.
CREATE TABLE charity_fund (
  unit_code TEXT PRIMARY KEY REFERENCES org_unit (code),
  balance_fen BIGINT NOT NULL,
  income_fen BIGINT NOT NULL,
  outgoing_fen BIGINT NOT NULL,
  entries BIGINT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Goods in a fund's keeping, by item and its counting unit (大米, 袋).
CREATE TABLE charity_stock (
  unit_code TEXT NOT NULL REFERENCES charity_fund (unit_code),
  item TEXT NOT NULL,
  item_unit TEXT NOT NULL,
  quantity BIGINT NOT NULL,
  PRIMARY KEY (unit_code, item, item_unit)
);

-- One line of a fund's ledger, never changed: a mistake is undone by a reversing entry
-- (corrects_id; at most one per entry). seq counts a fund's entries from 1 without gaps.
-- direction: income, outgoing; form: money, goods. amount_fen: money given, or goods' estimated
-- value. donor_sealed, donor_phone_sealed: who gave (sealed, for thanks and receipts);
-- donor_public: the name the donor chose to be shown under (匿名 when none). balance_after_fen:
-- the fund's money after this entry; stock_after: this item's stock after it (goods).
CREATE TABLE charity_entry (
  id @AUTO_ID@,
  unit_code TEXT NOT NULL REFERENCES charity_fund (unit_code),
  seq BIGINT NOT NULL,
  direction TEXT NOT NULL,
  form TEXT NOT NULL,
  amount_fen BIGINT NOT NULL,
  item TEXT NOT NULL,
  quantity BIGINT NOT NULL,
  item_unit TEXT NOT NULL,
  donor_sealed TEXT,
  donor_phone_sealed TEXT,
  donor_public TEXT NOT NULL,
  purpose TEXT NOT NULL,
  destination TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  corrects_id BIGINT REFERENCES charity_entry (id),
  note TEXT NOT NULL,
  balance_after_fen BIGINT NOT NULL,
  stock_after BIGINT NOT NULL,
  recorded_by BIGINT REFERENCES app_user (id),
  recorded_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX charity_entry_seq ON charity_entry (unit_code, seq);
CREATE UNIQUE INDEX charity_entry_corrects ON charity_entry (corrects_id);
